namespace Modelship.Cli.LocalRun;

/// <summary>
/// Stops a runtime the router no longer routes to, without failing a request. Requests that read the previous routing
/// table before the swap may still be on their way to it (their body still being read, or being forwarded), so it
/// keeps serving for the drain delay (like the operator's drain before it deletes an old version), then Kestrel's
/// graceful stop lets the requests it is answering finish before the model is unloaded.
/// </summary>
internal static class RuntimeDrain
{
    /// <summary>Stops and disposes <paramref name="runtime"/>; <paramref name="cancellationToken"/> (the run ends) skips the rest of the delay.</summary>
    public static async Task StopAsync(ILocalRuntime runtime, TimeSpan drainDelay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(drainDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await runtime.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await runtime.DisposeAsync().ConfigureAwait(false);
    }
}
