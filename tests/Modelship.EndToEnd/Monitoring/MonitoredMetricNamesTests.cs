using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Modelship.Api.Routing;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.EndToEnd.Support;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Yaml;
using Modelship.TestCluster;
using Xunit.Abstractions;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>
/// Every metric an alert or a dashboard panel selects exists in the /metrics of the job it names, as real processes
/// expose it: a <c>modelship operator</c> reconciling a ModelDeployment on a real kube-apiserver (the test plays the
/// kubelet), and a <c>modelship router</c> in front of two <c>modelship runtime</c>s, a shadow that is down, prediction
/// bounds and the inference log, after some traffic. Each job is scraped until it covers its selectors or time is up.
/// </summary>
public sealed class MonitoredMetricNamesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_metric_an_alert_or_the_dashboard_selects_is_exposed_by_the_job_it_names()
    {
        var selectors = MonitoringFiles.Selectors().ToList();
        var environment = await ServingEnvironment.GetAsync();
        var exposed = new Dictionary<string, IReadOnlySet<string>>();

        await using (var cluster = await TestCluster.TestCluster.StartAsync())
        {
            await using var operatorProcess = await StartOperatorWithAModelDeploymentAsync(environment, cluster);
            exposed["modelship-operator"] = await ScrapeUntilCoveredAsync(operatorProcess, "modelship-operator", selectors);
        }

        var runtimePort = FreePort.Next();
        var shadowPort = FreePort.Next();
        using var table = new RoutingTableFile();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends =
            [
                new RoutingBackend { Name = "champion", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" },
                new RoutingBackend { Name = "shadow", Version = "v2", Role = BackendRole.Shadow, Url = ModelshipProcess.Url(shadowPort), ModelName = "iris" },
                new RoutingBackend { Name = "down", Version = "v3", Role = BackendRole.Shadow, Url = ModelshipProcess.Url(FreePort.Next()), ModelName = "iris" },
            ],
            PredictionWarnings = [new PredictionBound { Output = "probabilities", Max = 0.5 }],
            Log = new InferenceLogSettings { SampleRate = 1 },
        });
        var logDirectory = Directory.CreateTempSubdirectory("modelship-e2e-log-").FullName;
        try
        {
            await using var processes = await ProcessGroup.StartAsync(
            [
                ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort),
                ModelshipProcess.StartRuntimeAsync(environment, "v2", shadowPort),
                ModelshipProcess.StartRouterAsync(environment, table.Path, "--log-dir", logDirectory),
            ]);
            var (runtime, router) = (processes[0], processes[2]);
            await SendTrafficAsync(router, 20);
            exposed["modelship-router"] = await ScrapeUntilCoveredAsync(router, "modelship-router", selectors);
            exposed["modelship-runtime"] = await ScrapeUntilCoveredAsync(runtime, "modelship-runtime", selectors);
        }
        finally
        {
            Directory.Delete(logDirectory, recursive: true);
        }

        MetricCoverage.Missing(selectors, exposed).Should().BeEmpty();
    }

    /// <summary>Scrapes until every selector naming <paramref name="job"/> finds its metric, or <see cref="Patience"/> is up; the last scrape's names.</summary>
    private async Task<IReadOnlySet<string>> ScrapeUntilCoveredAsync(ModelshipProcess process, string job, IReadOnlyList<(string Source, MetricSelector Selector)> selectors)
    {
        var ofJob = selectors.Where(s => s.Selector.Job == job).ToList();
        ofJob.Should().NotBeEmpty("the alerts and the dashboard select series of {0}", job);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var names = ExposedMetrics.Names(await client.GetStringAsync(new Uri(process.BaseAddress, "metrics")));
            var missing = MetricCoverage.Missing(ofJob, new Dictionary<string, IReadOnlySet<string>> { [job] = names });
            if (missing.Count == 0 || DateTime.UtcNow > deadline)
            {
                output.WriteLine($"{job} exposes: {string.Join(' ', names.Order(StringComparer.Ordinal))}");
                return names;
            }
            await Task.Delay(250);
        }
    }

    private static async Task SendTrafficAsync(ModelshipProcess router, int requests)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        for (var i = 0; i < requests; i++)
        {
            using var content = new ByteArrayContent(IrisRequests.Valid(i));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri(router.BaseAddress, "v2/models/iris/infer"), content);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// Installs the CRDs, starts <c>modelship operator</c> (leader election on) watching a fresh namespace, creates a
    /// ModelDeployment declaring a latency target and marks its runtime Deployment Available, so the operator writes a
    /// routing table and the status its series are read from.
    /// </summary>
    /// <summary>A <c>modelship operator</c> process on <paramref name="cluster"/> with a ModelDeployment (its runtime Available) and a RefreshSchedule of it.</summary>
    internal static async Task<ModelshipProcess> StartOperatorWithAModelDeploymentAsync(ServingEnvironment environment, TestCluster.TestCluster cluster)
    {
        using var client = new KubernetesClient(KubeconfigLoader.LoadFile(cluster.KubeconfigPath), new KubernetesClientOptions { SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions });
        await InstallCrdAsync(client);
        var ns = await cluster.CreateNamespaceAsync("monitoring");
        var port = FreePort.Next();
        var operatorProcess = ModelshipProcess.Start(environment, port,
            "operator", "--kubeconfig", cluster.KubeconfigPath, "--metrics-address", $"127.0.0.1:{port}", "--health-address", $"127.0.0.1:{port}",
            "--leader-elect", "true", "--lease-namespace", ns, "--watch-namespace", ns, "--shutdown-timeout-seconds", "5");
        try
        {
            await operatorProcess.WaitUntilReadyAsync("readyz");
            await client.For<MD>().CreateAsync(new MD
            {
                Metadata = new V1ObjectMeta { Name = "fraud", NamespaceProperty = ns },
                Spec = new ModelDeploymentSpec
                {
                    Model = new ModelSpec { Uri = "https://models.example.com/fraud/v1.onnx", Version = "v1" },
                    Rollout = new RolloutSpec { Analysis = new RolloutAnalysis { MaxLatencyP99 = "250ms" } },
                },
            });
            await MarkAvailableAsync(client.For<V1Deployment>(), ns, "fraud-v1");
            // A RefreshSchedule of it (its first run is an hour away): its series are there from the start.
            await client.For<Api.V1Alpha1.RefreshSchedule>().CreateAsync(new Api.V1Alpha1.RefreshSchedule
            {
                Metadata = new V1ObjectMeta { Name = "fraud-hourly", NamespaceProperty = ns },
                Spec = new RefreshScheduleSpec
                {
                    Schedule = "@hourly",
                    Target = new RefreshTarget { ModelDeployment = "fraud" },
                    Source = new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models/fraud" } },
                },
            });
            return operatorProcess;
        }
        catch
        {
            await operatorProcess.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every CRD: the operator runs the ModelDeployment, Pipeline and RefreshSchedule controllers (which watch ServingRuntimes too), and waits for every cache.</summary>
    private static async Task InstallCrdAsync(KubernetesClient client)
    {
        foreach (var file in new[] { "modelship.dev_modeldeployments.yaml", "modelship.dev_pipelines.yaml", "modelship.dev_refreshschedules.yaml", "modelship.dev_servingruntimes.yaml" })
        {
            var document = YamlDocuments.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("crds", file))).Single();
            var crd = document.Deserialize<CustomResourceDefinition>(KubernetesJsonOptions.Default)!;
            var crds = client.For<CustomResourceDefinition>();
            await crds.ApplyAsync(crd, new ApplyOptions { Force = true });
            await WaitForAsync(async () => (await crds.GetAsync(null, crd.Metadata.Name!)).Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true,
                $"the {crd.Metadata.Name} CRD is Established");
        }
    }

    /// <summary>Plays the Deployment controller: once the operator created it, the Deployment has all its replicas available.</summary>
    private static async Task MarkAvailableAsync(ResourceClient<V1Deployment> deployments, string ns, string name)
    {
        V1Deployment? live = null;
        await WaitForAsync(async () => (live = await deployments.GetOrNullAsync(ns, name)) is not null, $"the operator creates Deployment {name}");
        var replicas = live!.Spec?.Replicas ?? 1;
        await deployments.MergePatchStatusAsync(ns, name, new JsonObject
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

    private static Task WaitForAsync(Func<Task<bool>> condition, string what) => Eventually.HoldsAsync(condition, Patience, what);
}
