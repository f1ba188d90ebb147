using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Modelship.Api.Conditions;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.IntegrationTests.Infrastructure;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Monitoring;
using Modelship.Serving;
using Modelship.Serving.Monitoring.Profile;
using Modelship.Serving.Routing;
using Modelship.TestCluster;
using static Modelship.IntegrationTests.ModelDeployment.ModelDeploymentControllerTests;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>
/// Drift from end to end but for the kubelet: a real router (<see cref="RouterHost"/> on 127.0.0.1, a table with
/// <c>monitoring.drift</c> and a reference made by <see cref="ReferenceProfileBuilder"/>, as <c>modelship profile</c>
/// makes it) computes PSI over the requests it answers; the operator reads its <c>GET /v2/monitoring</c> at the router
/// Pod's IP and turns drift above <c>spec.monitoring.drift.threshold</c> into the Drifting condition and a Warning
/// Event. The model server behind the router is a stand-in answering a fixed label (the drift of the inputs is what is
/// tested; DriftTests in Modelship.EndToEnd runs the same router code against a real ONNX runtime).
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class RouterDriftConditionTests(SharedClusterFixture fixture) : IAsyncLifetime
{
    private const int Window = 300;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-router-drift-").FullName;
    private readonly HttpListener _modelServer = new();
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };
    private RouterHost? _router;

    public async Task InitializeAsync()
    {
        var modelServerPort = FreePort.Next();
        _modelServer.Prefixes.Add($"http://127.0.0.1:{modelServerPort}/");
        _modelServer.Start();
        _ = Task.Run(AnswerLabelsAsync);

        string[] columns = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"];
        var training = Flowers(new Random(14), 1500, petalShift: 0).Select(f => (IReadOnlyList<string?>)[.. f.Select(Text), "1"]);
        var profile = ReferenceProfileBuilder.Build(columns, training, new ProfileOptions(InputName: "input", Target: "species", TargetOutput: "label", Categorical: ["species"]));
        var referencePath = Path.Combine(_directory, "profile.json");
        await File.WriteAllTextAsync(referencePath, ReferenceProfileFile.Serialize(profile));

        _router = RouterHost.Create(new RouterOptions { Address = IPAddress.Loopback, Port = FreePort.Next() }, configureLogging: l => l.SetMinimumLevel(LogLevel.Warning));
        _router.Update(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = $"http://127.0.0.1:{modelServerPort}", ModelName = "iris" }],
            Monitoring = new MonitoringSettings { Drift = new DriftSettings { ReferencePath = referencePath, Window = Window, MinSamples = Window } },
        });
        await _router.StartAsync();
    }

    [Fact]
    public async Task Shifted_inputs_through_a_real_router_set_Drifting_with_a_Warning_Event_naming_the_feature()
    {
        using (var admin = fixture.Cluster.AdminClient())
        {
            await ModelDeploymentCrd.InstallRouterClusterRoleAsync(admin);
        }
        await using var op = await ModelDeploymentOperator.StartAsync(fixture.Cluster, await fixture.Cluster.CreateNamespaceAsync("mdep-router-drift"),
            build: new ModelDeploymentBuildOptions { RouterPort = _router!.Options.Port });
        await ActivateV1Async(op, "127.0.0.1");
        await PatchSpecAsync(op, new JsonObject
        {
            ["monitoring"] = new JsonObject
            {
                ["statusInterval"] = "1s",
                ["drift"] = new JsonObject { ["reference"] = new JsonObject { ["configMap"] = new JsonObject { ["name"] = "iris-profile" } }, ["threshold"] = 0.2, ["minSamples"] = Window },
            },
        });

        await SendAsync(Flowers(new Random(1), Window, petalShift: 0));
        var status = await StatusWhenAsync(op, s => s.Drift?.Versions is [{ Samples: >= Window }, ..], "the in-distribution window summarized");
        ConditionList.Find(status.Conditions, ConditionTypes.Drifting).Should().Match<Condition>(c => c.Status == ConditionStatus.False && c.Reason == MonitoringConditions.DriftWithinThreshold,
            "requests drawn like the training rows: {0}", string.Join(", ", status.Drift!.Versions![0].Features!.Select(f => $"{f.Name} {f.Psi}")));

        await SendAsync(Flowers(new Random(2), Window, petalShift: 3));
        status = await StatusWhenAsync(op, s => ConditionList.IsTrue(s.Conditions, ConditionTypes.Drifting), "Drifting");
        ConditionList.Find(status.Conditions, ConditionTypes.Drifting)!.Should().Match<Condition>(c =>
            c.Reason == MonitoringConditions.DriftAboveThreshold && c.Message!.Contains("feature input[2] psi"));
        status.Drift!.Versions![0].Features![0].Name.Should().Be("input[2]", "petals 3 cm longer drift most");
        await Eventually.HoldsAsync(async () => (await op.EventsAsync("iris")).Any(e => e.Type == "Warning" && e.Reason == MonitoringConditions.DriftAboveThreshold && e.Message!.Contains("input[2]")),
            Wait, "a Warning Event names the drifting feature");
    }

    private async Task SendAsync(IEnumerable<double[]> flowers)
    {
        foreach (var flower in flowers)
        {
            var body = $$"""{"inputs":[{"name":"input","datatype":"FP32","shape":[1,4],"data":[{{string.Join(',', flower.Select(Text))}}]}]}""";
            using var answer = await _client.PostAsync($"http://127.0.0.1:{_router!.Options.Port}/v2/models/iris/infer", new StringContent(body, Encoding.UTF8, "application/json"));
            answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Iris-like flowers: one normal draw per feature; <paramref name="petalShift"/> cm added to the petal length.</summary>
    private static IEnumerable<double[]> Flowers(Random random, int count, double petalShift)
    {
        (double Mean, double Sd)[] features = [(5.8, 0.8), (3.0, 0.4), (3.8, 1.8), (1.2, 0.8)];
        for (var i = 0; i < count; i++)
        {
            var flower = features.Select(f => Math.Round(f.Mean + f.Sd * Normal(random), 2)).ToArray();
            flower[2] += petalShift;
            yield return flower;
        }
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task AnswerLabelsAsync()
    {
        var answer = Encoding.UTF8.GetBytes("""{"model_name":"iris","model_version":"v1","outputs":[{"name":"label","datatype":"INT64","shape":[1],"data":[1]}]}""");
        while (_modelServer.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _modelServer.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    private static async Task<ModelDeploymentStatus> StatusWhenAsync(ModelDeploymentOperator op, Func<ModelDeploymentStatus, bool> done, string what)
    {
        ModelDeploymentStatus? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var status = (await op.GetAsync("iris")).Status;
            if (status is not null && done(status))
            {
                found = status;
                return true;
            }
            return false;
        }, Wait, what);
        return found!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_router is not null)
        {
            await _router.DisposeAsync();
        }
        _modelServer.Close();
        Directory.Delete(_directory, recursive: true);
    }
}
