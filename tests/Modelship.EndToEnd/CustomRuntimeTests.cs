using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// examples/custom-runtime as a user runs it: `modelship run -f servingruntime.yaml -f modeldeployment.yaml`, the
/// champion on our built-in ONNX runtime, the challenger and the shadow on a Python V2 server that is not ours
/// (examples/custom-runtime/server.py, Debian's python3 + python3-numpy), started from the ServingRuntime's command.
/// </summary>
public sealed partial class CustomRuntimeTests : IDisposable
{
    private const int Requests = 200;
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-custom-runtime-").FullName;

    [Fact]
    public async Task A_python_V2_server_serves_the_challenger_and_the_shadow_behind_the_router()
    {
        var environment = await ServingEnvironment.GetAsync();
        var example = CopyExample(environment);
        var port = FreePort.Next();

        await using var run = ModelshipProcess.Start(environment, port,
            "run", "-f", Path.Combine(example, "servingruntime.yaml"), "-f", Path.Combine(example, "modeldeployment.yaml"), "--port", $"{port}");
        await run.WaitForOutputAsync($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Requests; i++)
        {
            using var content = new ByteArrayContent(IrisRequests.Valid(i));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri(run.BaseAddress, "v2/models/iris/infer"), content);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.Should().Be(HttpStatusCode.OK, "request {0}: {1}\n{2}", i, body, run.RecentOutput);
            IrisRequests.ProblemWithAnswer(body).Should().BeNull("request {0} gets a label and probabilities: {1}", i, body);
            var version = response.Headers.GetValues("x-modelship-model-version").Single();
            using var document = JsonDocument.Parse(body);
            document.RootElement.GetProperty("model_version").GetString().Should().Be(version, "the answer's model_version names the server that answered");
            answered[version] = answered.GetValueOrDefault(version) + 1;
        }

        answered.Keys.Should().BeEquivalentTo(["v1", "v4"], "the champion (ONNX, built in) and the challenger (Python) answer; the shadow never does");
        answered["v4"].Should().BeInRange(Requests / 20, Requests / 2, "the challenger takes about 20% of {0} requests", Requests);

        // Shadow comparisons: every request mirrored to the Python shadow v5 and compared with the answer.
        var comparisons = await EventuallyAsync(client, run, ShadowComparisons(), value => value >= Requests);
        var agreements = Sum(await client.GetStringAsync(new Uri(run.BaseAddress, "metrics")), ShadowAgreements());
        (agreements / comparisons).Should().BeGreaterThan(0.8, "two iris classifiers mostly agree ({0} of {1} labels)", agreements, comparisons);
        Sum(await client.GetStringAsync(new Uri(run.BaseAddress, "metrics")), ShadowErrors()).Should().Be(0, "the Python shadow answered every mirrored request");

        // The log shows the Python server's answers, as challenger and as shadow.
        var entries = await EventuallyLogAsync(client, run);
        entries.Should().Contain(e => e.Version == "v4" && e.Role == "challenger" && e.HasOutputs);
        entries.Should().Contain(e => e.Version == "v5" && e.Role == "shadow" && e.HasOutputs);
        entries.Should().Contain(e => e.Version == "v1" && e.Role == "champion" && e.HasOutputs);
    }

    [Fact]
    public async Task A_ServingRuntime_without_command_is_refused_by_a_local_run_with_the_reason()
    {
        var environment = await ServingEnvironment.GetAsync();
        var example = CopyExample(environment);
        var runtime = Path.Combine(example, "servingruntime.yaml");
        File.WriteAllText(runtime, CommandLine().Replace(File.ReadAllText(runtime), ""));

        var result = await ModelshipCommandRun.RunAsync(environment, ["run", "-f", runtime, "-f", Path.Combine(example, "modeldeployment.yaml"), "--port", $"{FreePort.Next()}"]);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Errors.Should().Contain("ServingRuntime 'python-v2' has no command", result.ToString());
    }

    private sealed record LogEntry(string Version, string Role, bool HasOutputs);

    /// <summary>examples/custom-runtime beside a copy of examples/iris/models (its champion's uri is ../iris/models/iris-v1.onnx).</summary>
    private string CopyExample(ServingEnvironment environment)
    {
        var example = Directory.CreateDirectory(Path.Combine(_directory, "custom-runtime")).FullName;
        foreach (var file in new[] { "servingruntime.yaml", "modeldeployment.yaml", "server.py" })
        {
            File.Copy(RepositoryRoot.Combine("examples", "custom-runtime", file), Path.Combine(example, file), overwrite: true);
        }
        var models = Directory.CreateDirectory(Path.Combine(example, "models")).FullName;
        foreach (var model in Directory.GetFiles(RepositoryRoot.Combine("examples", "custom-runtime", "models"), "*.json"))
        {
            File.Copy(model, Path.Combine(models, Path.GetFileName(model)), overwrite: true);
        }
        var irisModels = Directory.CreateDirectory(Path.Combine(_directory, "iris", "models")).FullName;
        File.Copy(environment.Model("v1"), Path.Combine(irisModels, "iris-v1.onnx"), overwrite: true);
        return example;
    }

    private static async Task<double> EventuallyAsync(HttpClient client, ModelshipProcess run, Regex series, Func<double, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        double value;
        do
        {
            value = Sum(await client.GetStringAsync(new Uri(run.BaseAddress, "metrics")), series);
            if (done(value))
            {
                return value;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{series} reached only {value}; output:\n{run.RecentOutput}");
    }

    private static async Task<IReadOnlyList<LogEntry>> EventuallyLogAsync(HttpClient client, ModelshipProcess run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<LogEntry> entries;
        do
        {
            using var logs = JsonDocument.Parse(await client.GetStringAsync(new Uri(run.BaseAddress, "v2/logs?limit=1000")));
            entries = [.. logs.RootElement.GetProperty("entries").EnumerateArray().Select(e => new LogEntry(
                e.GetProperty("version").GetString()!, e.GetProperty("role").GetString()!, e.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Array && o.GetArrayLength() > 0))];
            if (entries.Select(e => e.Role).Distinct().Count() == 3)
            {
                return entries;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return entries;
    }

    private static double Sum(string metrics, Regex series) =>
        series.Matches(metrics).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("""^modelship_shadow_comparisons_total\{[^}]*version="v5"[^}]*\} (\S+)""", RegexOptions.Multiline)]
    private static partial Regex ShadowComparisons();

    [GeneratedRegex("""^modelship_shadow_agreements_total\{[^}]*version="v5"[^}]*\} (\S+)""", RegexOptions.Multiline)]
    private static partial Regex ShadowAgreements();

    [GeneratedRegex("""^modelship_shadow_errors_total\{[^}]*version="v5"[^}]*\} (\S+)""", RegexOptions.Multiline)]
    private static partial Regex ShadowErrors();

    [GeneratedRegex(@"^\s*command:.*\n", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
