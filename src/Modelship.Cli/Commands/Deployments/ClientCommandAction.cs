using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>Where a client command writes: stdout for results, stderr for progress and errors (so -o json pipes cleanly).</summary>
internal sealed record CommandIo(TextWriter Output, TextWriter Error)
{
    public DateTimeOffset Now => TimeProvider.System.GetUtcNow();
}

/// <summary>
/// Runs a client command's action: every failure becomes one <c>Error: ...</c> line on stderr and the exit code of
/// <see cref="CliExitCodes"/>; nothing prints a stack trace.
/// </summary>
internal static class ClientCommandAction
{
    public static void Set(Command command, DeployedKind kind, Func<ParseResult, CommandIo, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var io = new CommandIo(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                return await action(parse, io, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failure = ApiFailures.Describe(e, kind, null, "");
                await io.Error.WriteLineAsync($"Error: {failure.Message}").ConfigureAwait(false);
                return failure.ExitCode;
            }
        });
    }

    /// <summary>Calls the API server about <paramref name="name"/> (null: a list), describing a failure with the object and namespace.</summary>
    public static async Task<T> CallAsync<T>(this ClusterSession session, DeployedKind kind, string? name, Func<Task<T>> call, string? ns = null)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ClientCommandException and not OperationCanceledException)
        {
            throw ApiFailures.Describe(e, kind, name, ns ?? session.Namespace, session.Server);
        }
    }
}
