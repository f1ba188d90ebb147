using Microsoft.Extensions.Logging;
using Modelship.Cli.LocalRun;
using Modelship.Cli.LocalRun.Refresh;
using Modelship.Serving.Runtime;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship run -f deployment.yaml [-f refresh.yaml]`: a ModelDeployment on 127.0.0.1, and the RefreshSchedules
/// beside it run locally. Exit codes: 1 when the ModelDeployment cannot be served, 2 for an invalid RefreshSchedule.
/// </summary>
internal static class RunModelDeployment
{
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, LocalRunOptions options, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        RunManifest manifest;
        List<LocalRefreshSchedule> schedules;
        try
        {
            manifest = ManifestReader.ReadRun(paths);
            schedules = [.. manifest.Schedules.Select(s => LocalRefreshSchedule.From(s, manifest.Deployment.Document))];
        }
        catch (InvalidRefreshScheduleException e)
        {
            await Console.Error.WriteLineAsync($"modelship run: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is LocalRunException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"modelship run: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        var deployment = await TryStartAsync(manifest, options, logging, cancellationToken).ConfigureAwait(false);
        if (deployment is null)
        {
            return 1;
        }

        await using (deployment.ConfigureAwait(false))
        {
            var infer = new Uri(deployment.Endpoint, $"v2/models/{deployment.ModelName}/infer");
            await Console.Out.WriteLineAsync($"""
                modelship: serving {deployment.ModelName} ({deployment.Runtimes.Count} model versions) at {deployment.Endpoint}
                  curl -s {infer} -H 'content-type: application/json' \
                    -d '{"{"}"inputs":[{"{"}"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]{"}"}]{"}"}'
                {GrpcLine(deployment.GrpcEndpoint)}Predictions are logged in {deployment.LogDirectory} and queryable at {new Uri(deployment.Endpoint, "v2/logs")}.
                """).ConfigureAwait(false);
            var refresh = LocalRefresh.Start(deployment, schedules, Console.Out, TimeProvider.System);
            await using (refresh.ConfigureAwait(false))
            {
                foreach (var schedule in schedules)
                {
                    await Console.Out.WriteLineAsync(RefreshScheduleLine.Describe(schedule, TimeProvider.System.GetUtcNow())).ConfigureAwait(false);
                }
                await Console.Out.WriteLineAsync("Press Ctrl+C to stop.").ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        return 0;
    }

    /// <summary>Null, with the reason on stderr, when the ModelDeployment cannot be served.</summary>
    private static async Task<LocalModelDeployment?> TryStartAsync(RunManifest manifest, LocalRunOptions options, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalModelDeployment.StartAsync(
                manifest.Deployment.Document, manifest.Deployment.Path, options with { ServingRuntimes = manifest.ServingRuntimes }, logging, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LocalRunException or UnservableModelException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"modelship run: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The line naming the router's gRPC address (with its newline), or nothing when gRPC is off.</summary>
    internal static string GrpcLine(Uri? grpc) =>
        grpc is null ? "" : $"  gRPC (inference.GRPCInferenceService, h2c): {grpc.Authority}{Environment.NewLine}";
}
