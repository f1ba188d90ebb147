using Microsoft.Extensions.Logging;
using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Commands;

/// <summary>`modelship run -f pipeline.yaml`: a Pipeline (and the ModelDeployments beside it) on 127.0.0.1.</summary>
internal static class RunPipeline
{
    /// <summary>Whether the manifest holds a Pipeline (then it is what `run` serves); false when it cannot be read, so the ModelDeployment path reports why.</summary>
    public static bool Holds(string path)
    {
        try
        {
            return ManifestReader.Kinds(path).Contains(Api.V1Alpha1.Pipeline.KindName);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether the manifest also holds RefreshSchedules (which `run` does not run beside a Pipeline).</summary>
    public static bool HoldsRefreshSchedules(string path) => ManifestReader.Kinds(path).Contains(Api.V1Alpha1.RefreshSchedule.KindName);

    public static async Task<int> RunAsync(string path, LocalRunOptions options, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        await using var pipeline = await TryStartAsync(path, options, logging, cancellationToken).ConfigureAwait(false);
        if (pipeline is null)
        {
            return 1;
        }

        var infer = new Uri(pipeline.Endpoint, $"v2/models/{pipeline.Name}/infer");
        await Console.Out.WriteLineAsync($"""
            modelship: serving pipeline {pipeline.Name} ({pipeline.StepCount} steps) at {pipeline.Endpoint}
              infer: POST {infer} (V2 JSON; errors name the failing step)
            {RunModelDeployment.GrpcLine(pipeline.GrpcEndpoint)}Requests are logged with every step in {pipeline.LogDirectory} and queryable at {new Uri(pipeline.Endpoint, "v2/logs")} (?step=NAME&valid=false).
            Press Ctrl+C to stop.
            """).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    /// <summary>Null, with the reason on stderr, when the manifest cannot be served.</summary>
    private static async Task<LocalPipeline?> TryStartAsync(string path, LocalRunOptions options, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalPipeline.StartAsync(path, options, logging, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LocalRunException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync($"modelship run: {e.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
