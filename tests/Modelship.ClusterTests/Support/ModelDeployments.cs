namespace Modelship.ClusterTests.Support;

/// <summary>Waiting on a live ModelDeployment.</summary>
public static class ModelDeployments
{
    public static async Task<ModelDeploymentState> GetAsync(TestNamespace ns, string name) =>
        new(await ns.Kubectl.GetJsonAsync("modeldeployment", name, "-n", ns.Name));

    /// <summary>Until the controller reports the current spec Ready with nothing pending (and <paramref name="also"/> holds).</summary>
    public static async Task<ModelDeploymentState> WaitReadyAsync(TestNamespace ns, string name, TimeSpan timeout, Func<ModelDeploymentState, bool>? also = null)
    {
        ModelDeploymentState? last = null;
        try
        {
            return await Eventually.ReturnsAsync(async () =>
            {
                last = await GetAsync(ns, name);
                return last.ReadyAndSettled && (also?.Invoke(last) ?? true) ? last : null;
            }, timeout, $"ModelDeployment {ns.Name}/{name} is Ready");
        }
        catch (TimeoutException e)
        {
            var pods = await ns.Kubectl.TryRunAsync("get", "pods,deployments", "-n", ns.Name, "-o", "wide");
            throw new TimeoutException($"{e.Message}; last seen: {last}\n{pods.Stdout}", e);
        }
    }
}
