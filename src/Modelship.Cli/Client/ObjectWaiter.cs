using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Client;

/// <summary>
/// --wait: reads the object every <see cref="Interval"/> until it is ready (<see cref="Readiness"/>) or gone, printing
/// a progress line whenever what it sees changes. Polling rather than a watch: one GET a second is nothing for the API
/// server, and the progress never stalls on a watch that went quiet.
/// </summary>
public sealed class ObjectWaiter(ResourceClient<GenericObject> objects, DeployedKind kind, TextWriter progress)
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <exception cref="ClientCommandException">Phase Failed (<see cref="CliExitCodes.Failure"/>), gone while waiting (not found) or out of time.</exception>
    public async Task<GenericObject> UntilReadyAsync(string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        string? last = null;
        try
        {
            while (true)
            {
                var obj = await objects.GetOrNullAsync(ns, name, deadline.Token).ConfigureAwait(false)
                    ?? throw new ClientCommandException(CliExitCodes.NotFound, $"{kind.Noun} \"{name}\" was deleted in namespace \"{ns}\" while waiting for it");
                var observation = Readiness.Observe(obj);
                if (observation.Description != last)
                {
                    last = observation.Description;
                    await progress.WriteLineAsync($"{kind.Noun}/{name}: {observation.Description}").ConfigureAwait(false);
                }
                switch (observation.State)
                {
                    case ReadinessState.Ready:
                        return obj;
                    case ReadinessState.Failed:
                        throw new ClientCommandException(CliExitCodes.Failure, $"{kind.Noun} \"{name}\" failed: {observation.Description}");
                }
                await Task.Delay(Interval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientCommandException(CliExitCodes.WaitTimeout, $"timed out after {timeout.TotalSeconds:0.#} s waiting for {kind.Noun} \"{name}\" to be ready; last seen: {last ?? "nothing"}");
        }
    }

    public async Task UntilGoneAsync(string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            string? last = null;
            while (await objects.GetOrNullAsync(ns, name, deadline.Token).ConfigureAwait(false) is { } obj)
            {
                if (obj.Metadata.Finalizers is { Count: > 0 } finalizers && string.Join(", ", finalizers) is var waitingFor && waitingFor != last)
                {
                    last = waitingFor;
                    await progress.WriteLineAsync($"{kind.Noun}/{name}: waiting for finalizers {waitingFor}").ConfigureAwait(false);
                }
                await Task.Delay(Interval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ClientCommandException(CliExitCodes.WaitTimeout, $"timed out after {timeout.TotalSeconds:0.#} s waiting for {kind.Noun} \"{name}\" to be deleted");
        }
    }
}
