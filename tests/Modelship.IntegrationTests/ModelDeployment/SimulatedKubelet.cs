using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// What the parts of a cluster the test API server lacks would do for a ModelDeployment, played through the test's
/// own client in one namespace: the Deployment controller marks Deployments Available, the ReplicaSet controller and
/// kubelet make router Pods ready, and a router acknowledges the routing table it serves.
/// </summary>
public sealed class SimulatedKubelet(KubernetesClient client, string ns)
{
    /// <summary>Plays the Deployment controller: the Deployment has rolled out and all replicas are available.</summary>
    public async Task MarkAvailableAsync(string deploymentName)
    {
        var live = await client.For<V1Deployment>().GetAsync(ns, deploymentName);
        var replicas = live.Spec?.Replicas ?? 1;
        await client.For<V1Deployment>().MergePatchStatusAsync(ns, deploymentName, new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["observedGeneration"] = live.Metadata.Generation,
                ["replicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["readyReplicas"] = replicas,
                ["availableReplicas"] = replicas,
            },
        });
    }

    /// <summary>Plays the ReplicaSet controller and kubelet: a ready router Pod of <paramref name="deploymentName"/>.</summary>
    /// <param name="podIp">The Pod's IP in its status (none when null), as a kubelet reports it.</param>
    public async Task<string> CreateReadyRouterPodAsync(string deploymentName, string podName, string? podIp = null)
    {
        var router = await client.For<V1Deployment>().GetAsync(ns, ChildNames.Router(deploymentName));
        var pods = client.For<V1Pod>();
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = podName,
                NamespaceProperty = ns,
                Labels = router.Spec!.Template!.Metadata!.Labels,
                Annotations = router.Spec.Template.Metadata.Annotations,
            },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "router", Image = "ghcr.io/modelship/modelship:dev" }] },
        });
        var status = JsonNode.Parse("""{"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""")!;
        if (podIp is not null)
        {
            status["status"]!["podIP"] = podIp;
            status["status"]!["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }
        await pods.MergePatchStatusAsync(ns, podName, status);
        return podName;
    }

    /// <summary>Plays the router: it now serves <paramref name="generation"/>.</summary>
    public Task AcknowledgeAsync(string podName, long generation) =>
        client.For<V1Pod>().MergePatchAsync(ns, podName, new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Api.Routing.RoutingTableConventions.ServedGenerationAnnotation] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        });

    public async Task<Api.Routing.RoutingTable?> RoutingTableAsync(string deploymentName) =>
        RoutingConfigMapBuilder.TableOf(await client.For<V1ConfigMap>().GetOrNullAsync(ns, ChildNames.RoutingTable(deploymentName)));

    /// <summary>
    /// Plays the ReplicaSet controller and kubelet for a runtime Pod of Deployment <paramref name="deploymentName"/>
    /// (its template's labels) whose containers stand as <paramref name="initContainerStatuses"/> and
    /// <paramref name="containerStatuses"/> say (<see cref="FailedTwice"/>, <see cref="Completed"/>).
    /// </summary>
    public async Task CreateRuntimePodAsync(string deploymentName, string podName, JsonArray initContainerStatuses, JsonArray containerStatuses)
    {
        var runtime = await client.For<V1Deployment>().GetAsync(ns, deploymentName);
        var pods = client.For<V1Pod>();
        await pods.CreateAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = podName, NamespaceProperty = ns, Labels = runtime.Spec!.Template!.Metadata!.Labels },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = RuntimeDeploymentBuilder.ServerContainerName, Image = "ghcr.io/modelship/modelship:dev" }] },
        });
        await pods.MergePatchStatusAsync(ns, podName, new JsonObject
        {
            ["status"] = new JsonObject { ["phase"] = "Pending", ["initContainerStatuses"] = initContainerStatuses, ["containerStatuses"] = containerStatuses },
        });
    }

    /// <summary>
    /// Runs the fetch init container of <paramref name="deploymentName"/>'s Pod template with the real <c>modelship
    /// fetch</c> (its arguments as built, the destination moved to a temporary directory) and returns its exit code
    /// and termination message as a kubelet reports it under terminationMessagePolicy FallbackToLogsOnError.
    /// </summary>
    public async Task<(int ExitCode, string Message)> RunFetchContainerAsync(string deploymentName)
    {
        var runtime = await client.For<V1Deployment>().GetAsync(ns, deploymentName);
        var fetch = runtime.Spec!.Template!.Spec!.InitContainers!.Single(c => c.Name == RuntimeDeploymentBuilder.FetchContainerName);
        fetch.TerminationMessagePolicy.Should().Be("FallbackToLogsOnError");
        var destination = Directory.CreateTempSubdirectory("modelship-fetch-").FullName;
        try
        {
            var args = fetch.Args!.ToList();
            args[args.IndexOf("--dest") + 1] = destination;
            return await ModelshipExecutable.RunAsync(args, TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(destination, recursive: true);
        }
    }

    /// <summary>A container that failed, was restarted, failed again and waits in back-off.</summary>
    public static JsonObject FailedTwice(string name, int exitCode, string message) => new()
    {
        ["name"] = name,
        ["ready"] = false,
        ["restartCount"] = 1,
        ["image"] = "ghcr.io/modelship/modelship:dev",
        ["imageID"] = "",
        ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff" } },
        ["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = exitCode, ["reason"] = "Error", ["message"] = message } },
    };

    /// <summary>An init container that completed.</summary>
    public static JsonObject Completed(string name) => new()
    {
        ["name"] = name,
        ["ready"] = false,
        ["restartCount"] = 0,
        ["image"] = "ghcr.io/modelship/modelship:dev",
        ["imageID"] = "",
        ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed" } },
    };
}
