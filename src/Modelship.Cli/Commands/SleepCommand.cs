using System.CommandLine;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship sleep SECONDS` (hidden): the preStop hook of the containers that run this image, which has no shell and
/// no sleep binary. The Pod keeps serving while its endpoints are removed; SIGTERM comes after the hook returns.
/// </summary>
public static class SleepCommand
{
    public static Command Create()
    {
        var seconds = new Argument<double>("seconds") { Description = "How long to wait" };
        var command = new Command("sleep", "Wait SECONDS, then exit 0 (a preStop hook for an image without a shell).") { seconds };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var wait = parse.GetValue(seconds);
            if (wait is < 0 or > 86_400 || double.IsNaN(wait))
            {
                await Console.Error.WriteLineAsync($"modelship sleep: {wait} is not between 0 and 86400 seconds").ConfigureAwait(false);
                return 2;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted: the hook is over either way.
            }
            return 0;
        });
        return command;
    }
}
