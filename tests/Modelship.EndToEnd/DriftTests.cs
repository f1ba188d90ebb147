using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Modelship.Api.Routing;
using Modelship.EndToEnd.Monitoring;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;
using Xunit.Abstractions;

namespace Modelship.EndToEnd;

/// <summary>
/// Drift with real processes: <c>modelship profile</c> on iris-like training data, a <c>modelship router</c> with
/// <c>monitoring.drift</c> in front of a <c>modelship runtime</c>. Traffic from the training distribution keeps the
/// drift gauges low; traffic with longer petals raises them, counts the values outside the training range and flags
/// them in the inference log; the exposition passes <c>promtool check metrics</c>.
/// </summary>
public sealed class DriftTests(ITestOutputHelper output)
{
    private const int Window = 200;
    private const double SignificantPsi = 0.25; // the usual "significant shift" threshold for PSI

    // Iris flowers (sepal length, sepal width, petal length, petal width) and their species, the centres of the training data.
    private static readonly (double[] Flower, int Species)[] Centres =
    [
        ([5.0, 3.4, 1.5, 0.2], 0),
        ([5.9, 2.8, 4.3, 1.3], 1),
        ([6.6, 3.0, 5.6, 2.0], 2),
    ];

    private static readonly Regex Sample = new("""^(modelship_[a-z_]+)\{([^}]*)\} (\S+)$""", RegexOptions.Multiline);

    [Fact]
    public async Task Shifted_inputs_raise_the_drift_gauges_and_inputs_outside_the_training_range_are_counted_and_logged()
    {
        var environment = await ServingEnvironment.GetAsync();
        using var table = new RoutingTableFile();
        var directory = Path.GetDirectoryName(table.Path)!;
        var training = Path.Combine(directory, "train.csv");
        var profilePath = Path.Combine(directory, "profile.json");
        await File.WriteAllLinesAsync(training, [
            "sepal_length,sepal_width,petal_length,petal_width,species",
            .. Rows(new Random(1), 1500, petalShift: 0).Select(r => string.Join(',', [.. r.Flower.Select(Text), r.Species.ToString(CultureInfo.InvariantCulture)])),
        ]);

        var profiled = await ModelshipCommandRun.RunAsync(environment, [
            "profile", "--input", training, "--output", profilePath, "--input-name", "input", "--target", "species", "--target-output", "label", "--categorical", "species",
        ]);

        profiled.ExitCode.Should().Be(0, profiled.ToString());
        using (var profile = JsonDocument.Parse(await File.ReadAllTextAsync(profilePath)))
        {
            profile.RootElement.GetProperty("version").GetInt32().Should().Be(1);
            profile.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Equal("input[0]", "input[1]", "input[2]", "input[3]");
            profile.RootElement.GetProperty("predictions")[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo("0", "1", "2");
        }

        var runtimePort = FreePort.Next();
        table.Write(new RoutingTable
        {
            Generation = 1,
            ModelName = "iris",
            Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = ModelshipProcess.Url(runtimePort), ModelName = "iris" }],
            Log = new InferenceLogSettings { SampleRate = 0, LogFailures = true },
            Monitoring = new MonitoringSettings { Drift = new DriftSettings { ReferencePath = profilePath, Window = Window, MinSamples = 100 } },
        });
        await using var processes = await ProcessGroup.StartAsync([
            ModelshipProcess.StartRuntimeAsync(environment, "v1", runtimePort),
            ModelshipProcess.StartRouterAsync(environment, table.Path, "--log-dir", Path.Combine(directory, "logs")),
        ]);
        var router = processes[1];
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var live = new Random(2);
        await SendAsync(client, router, Rows(live, Window, petalShift: 0));
        var inDistribution = await ScrapeUntilAsync(client, router, m => Value(m, "modelship_drift_window_samples", ("version", "v1")) >= Window);
        var calm = FeaturePsi(inDistribution);
        output.WriteLine($"in distribution, PSI per feature: {string.Join(", ", calm.Select(p => $"{p.Key}={p.Value:F4}"))}");
        calm.Should().HaveCount(4).And.OnlyContain(p => p.Value < SignificantPsi, "traffic from the training distribution; router output:\n{0}", router.RecentOutput);
        Value(inDistribution, "modelship_prediction_drift", ("output", "label"), ("metric", "hellinger")).Should().NotBeNull("the label output is profiled");

        await SendAsync(client, router, Rows(live, Window, petalShift: 3));
        // About two thirds of the shifted petals (versicolor's and virginica's) are longer than any in training.
        var shifted = await ScrapeUntilAsync(client, router, m =>
            Value(m, "modelship_feature_drift", ("feature", "input[2]"), ("metric", "psi")) > SignificantPsi
            && Value(m, "modelship_feature_out_of_range_total", ("version", "v1"), ("feature", "input[2]")) > Window / 2);

        output.WriteLine($"shifted petals, PSI per feature: {string.Join(", ", FeaturePsi(shifted).Select(p => $"{p.Key}={p.Value:F4}"))}; " +
            $"out of range input[2]: {Value(shifted, "modelship_feature_out_of_range_total", ("version", "v1"), ("feature", "input[2]"))}");
        FeaturePsi(shifted)["input[2]"].Should().BeGreaterThan(SignificantPsi, "petals 3 cm longer than in training; router output:\n{0}", router.RecentOutput);
        FeaturePsi(shifted)["input[0]"].Should().BeLessThan(SignificantPsi, "sepals did not change");
        Value(shifted, "modelship_feature_drift", ("feature", "input[2]"), ("metric", "hellinger")).Should().BeInRange(0.3, 1);
        Value(shifted, "modelship_feature_out_of_range_total", ("version", "v1"), ("feature", "input[2]")).Should().BeGreaterThan(Window / 2);
        Value(shifted, "modelship_feature_out_of_range_total", ("version", "v1"), ("feature", "input[1]")).Should().Be(0, "sepal widths stayed in range");

        var flagged = await EventuallyAsync(async () =>
        {
            using var logs = JsonDocument.Parse(await client.GetStringAsync(new Uri(router.BaseAddress, "v2/logs?valid=false")));
            var failures = logs.RootElement.GetProperty("entries").EnumerateArray()
                .SelectMany(e => e.GetProperty("checkFailures").EnumerateArray().Select(f => f.GetString()!)).ToList();
            return failures.Count > 0 ? failures : null;
        });
        flagged.Should().Contain(f => f.StartsWith("feature out of training range: 1 value(s) of 'input[2]' outside [", StringComparison.Ordinal));

        var (exitCode, promtool) = await Promtool.CheckMetricsAsync(await client.GetStringAsync(new Uri(router.BaseAddress, "metrics")));
        exitCode.Should().Be(0, promtool);
    }

    /// <summary>Flowers around the three species' centres with normal noise; <paramref name="petalShift"/> cm added to the petal length.</summary>
    private static IEnumerable<(double[] Flower, int Species)> Rows(Random random, int count, double petalShift)
    {
        for (var i = 0; i < count; i++)
        {
            var (centre, species) = Centres[random.Next(Centres.Length)];
            var flower = centre.Select(v => Math.Round(v + (0.25 * Normal(random)), 2)).ToArray();
            flower[2] = Math.Max(0.1, flower[2] + petalShift);
            yield return (flower, species);
        }
    }

    private static async Task SendAsync(HttpClient client, ModelshipProcess router, IEnumerable<(double[] Flower, int Species)> rows)
    {
        foreach (var (flower, _) in rows)
        {
            using var content = new ByteArrayContent(IrisRequests.Body("input", "FP32", [1, 4], string.Join(',', flower.Select(Text))));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri(router.BaseAddress, "v2/models/iris/infer"), content);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient client, ModelshipProcess router, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string metrics;
        do
        {
            metrics = await client.GetStringAsync(new Uri(router.BaseAddress, "metrics"));
            if (done(metrics))
            {
                break;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return metrics;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> attempt)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 30 s");
            await Task.Delay(200);
        }
    }

    private static Dictionary<string, double> FeaturePsi(string metrics) =>
        Sample.Matches(metrics)
            .Where(m => m.Groups[1].Value == "modelship_feature_drift" && m.Groups[2].Value.Contains("metric=\"psi\"", StringComparison.Ordinal))
            .ToDictionary(m => Regex.Match(m.Groups[2].Value, "feature=\"([^\"]*)\"").Groups[1].Value, m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));

    /// <summary>The value of the one sample of <paramref name="name"/> with these labels, or null.</summary>
    private static double? Value(string metrics, string name, params (string Label, string Value)[] labels) =>
        Sample.Matches(metrics)
            .Where(m => m.Groups[1].Value == name && labels.All(l => m.Groups[2].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Select(m => (double?)double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))
            .FirstOrDefault();

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
