using System.Text;

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

    /// <summary>Status of one V2 request from this machine to the ModelDeployment's endpoint Service (its ClusterIP).</summary>
    public static async Task<int> InferFromHostAsync(TestNamespace ns, string name)
    {
        var ip = (string)(await ns.Kubectl.GetJsonAsync("service", name, "-n", ns.Name))["spec"]!["clusterIP"]!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(IrisModelDeployment.RequestBody, Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.PostAsync(new Uri($"http://{ip}/v2/models/{name}/infer"), content);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Until the endpoint Service answers 200 from this machine: Ready says the routers serve, and kube-proxy
    /// programs the Service's rules on its own schedule (a second or so after the endpoints change).
    /// </summary>
    public static Task WaitServingAsync(TestNamespace ns, string name) =>
        Eventually.HoldsAsync(async () => await InferFromHostAsync(ns, name) == 200, TimeSpan.FromSeconds(30),
            $"the endpoint Service of {ns.Name}/{name} answers");
}
