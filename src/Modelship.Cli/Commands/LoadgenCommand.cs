using System.CommandLine;
using System.Text;
using Modelship.Cli.LoadGeneration;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship loadgen` (hidden): open-loop V2 load from inside a cluster, for the end-to-end tests
/// (tests/Modelship.ClusterTests). Prints a JSON progress line every second and, when the duration is over or on
/// SIGTERM, a final line with every answer's routing generation, version and role, and the failures.
/// </summary>
public static class LoadgenCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Where to POST, e.g. http://iris.ns.svc.cluster.local/v2/models/iris/infer", Required = true };
        var body = new Option<string>("--body") { Description = "The request body (JSON)", Required = true };
        var rate = new Option<double>("--rate") { Description = "Requests per second", DefaultValueFactory = _ => 250 };
        var duration = new Option<double>("--duration") { Description = "Seconds to send (SIGTERM ends sooner)", DefaultValueFactory = _ => 600 };
        var connections = new Option<int>("--connections") { Description = "Kept-alive connections", DefaultValueFactory = _ => 8 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds a request may take", DefaultValueFactory = _ => 10 };

        var command = new Command("loadgen", "Send open-loop V2 load and report every answer's version (end-to-end tests).")
        {
            url, body, rate, duration, connections, timeout,
        };
        command.Hidden = true;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetRequiredValue(url), UriKind.Absolute, out var target) || parse.GetValue(rate) <= 0
                || parse.GetValue(connections) < 1 || parse.GetValue(timeout) <= 0)
            {
                await Console.Error.WriteLineAsync("modelship loadgen: --url must be an absolute URL; --rate, --connections and --timeout positive").ConfigureAwait(false);
                return 2;
            }

            var tally = new LoadTally();
            using var client = OpenLoopLoad.CreateClient(parse.GetValue(connections), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            var load = new OpenLoopLoad(client, target, Encoding.UTF8.GetBytes(parse.GetRequiredValue(body)), tally);
            using var progressStop = new CancellationTokenSource();
            var progress = PrintProgressAsync(load, tally, progressStop.Token);
            var sendingSeconds = await load.SendAsync(parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(duration)), cancellationToken).ConfigureAwait(false);
            await load.DrainAsync(TimeSpan.FromSeconds(parse.GetValue(timeout) + 1)).ConfigureAwait(false);
            await progressStop.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            await Console.Out.WriteLineAsync(LoadReport.Final(tally, sendingSeconds, load.ElapsedSeconds)).ConfigureAwait(false);
            await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task PrintProgressAsync(OpenLoopLoad load, LoadTally tally, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await Console.Out.WriteLineAsync(LoadReport.Progress(tally, load.ElapsedSeconds, load.InFlight)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over; the final line follows.
        }
    }
}
