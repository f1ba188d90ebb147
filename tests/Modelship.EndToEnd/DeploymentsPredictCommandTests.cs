using System.Text.Json.Nodes;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship deployments predict|logs` against a local `modelship run` of examples/iris (real processes, real ONNX
/// models): the CSV of examples/iris/data, a JSON list of rows, a V2 request, and the router's inference log.
/// </summary>
public sealed class DeploymentsPredictCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-cli-").FullName;

    [Fact]
    public async Task Predict_and_logs_against_a_local_run_of_the_iris_example()
    {
        var environment = await ServingEnvironment.GetAsync();
        var manifest = Path.Combine(_directory, "modeldeployment.yaml");
        File.Copy(RepositoryRoot.Combine("examples", "iris", "modeldeployment.yaml"), manifest);
        var models = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;
        foreach (var model in Directory.GetFiles(environment.ModelsDirectory, "*.onnx"))
        {
            File.Copy(model, Path.Combine(models, Path.GetFileName(model)));
        }
        var port = FreePort.Next();
        await using var run = ModelshipProcess.Start(environment, port, "deployments", "run-local", "-f", manifest, "--port", $"{port}");
        await run.WaitForOutputAsync($"http://127.0.0.1:{port}/");

        // CSV: the features are chosen with --columns (the file also has the species), 150 rows in one request.
        var csv = await Cli(environment, "deployments", "predict", "iris", "--local", "--port", $"{port}", "-f", RepositoryRoot.Combine("examples", "iris", "data", "iris.csv"),
            "--columns", "sepal_length,sepal_width,petal_length,petal_width");
        csv.ExitCode.Should().Be(0, csv.ToString());
        var lines = csv.Output.TrimEnd('\n').Split('\n');
        lines[0].Should().MatchRegex(@"^model iris version v[12]$");
        lines[1].Should().MatchRegex(@"^ROW\s+LABEL\s+PROBABILITIES$");
        lines.Should().HaveCount(2 + 150);
        lines[2].Should().MatchRegex(@"^1\s+0\s+\[[0-9.eE-]+,[0-9.eE-]+,[0-9.eE-]+\]$", "the first flower is a setosa");

        // A JSON list of rows (arrays) as the model's only input, the V2 answer printed with -o json.
        var rows = Path.Combine(_directory, "rows.json");
        await File.WriteAllTextAsync(rows, "[[5.1,3.5,1.4,0.2],[6.3,3.3,6.0,2.5]]");
        var json = await Cli(environment, "deployments", "predict", "iris", "--url", $"http://127.0.0.1:{port}", "-f", rows, "-o", "json");
        json.ExitCode.Should().Be(0, json.ToString());
        var answer = JsonNode.Parse(json.Output)!;
        answer["outputs"]!.AsArray().Should().Contain(o => o!["name"]!.GetValue<string>() == "label");
        answer["outputs"]!.AsArray().Single(o => o!["name"]!.GetValue<string>() == "label")!["data"]!.AsArray().Select(v => v!.GetValue<long>()).Should().Equal(0, 2);
        IrisRequests.ProblemWithAnswer(json.Output).Should().BeNull();

        // A V2 request goes as it is; an input the model refuses is the router's 400 with its message, exit 1.
        var bad = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"inputs":[{"name":"input","shape":[1,3],"datatype":"FP32","data":[5.1,3.5,1.4]}]}""");
        var refused = await Cli(environment, "deployments", "predict", "iris", "--local", "--port", $"{port}", "-f", bad);
        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Errors.Should().Contain("answered 400");

        // Every request is logged (collectPredictions, sampleRate 1.0): the newest first, failures included.
        ModelshipCommandRun logs = null!;
        await Eventually.HoldsAsync(async () =>
        {
            logs = await Cli(environment, "deployments", "logs", "iris", "--local", "--port", $"{port}", "--limit", "10");
            return logs.ExitCode == 0 && logs.Output.Split('\n').Count(l => l.Length > 0) >= 4;
        }, TimeSpan.FromSeconds(30), "the three requests are in the inference log");
        logs.Output.Should().StartWith("TIME").And.MatchRegex(@"\s(champion|challenger)\s+200\s").And.MatchRegex(@"\s400\s");
        var failed = await Cli(environment, "deployments", "logs", "iris", "--local", "--port", $"{port}", "--valid", "false", "-o", "json");
        failed.ExitCode.Should().Be(0, failed.ToString());
        JsonNode.Parse(failed.Output)!["entries"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(e => e!["valid"]!.GetValue<bool>() == false);

        var badQuery = await Cli(environment, "deployments", "logs", "iris", "--local", "--port", $"{port}", "--start", "yesterday");
        badQuery.ExitCode.Should().Be(2, badQuery.ToString());
        badQuery.Errors.Should().Contain("start must be an ISO 8601 time");

        var nothingThere = await Cli(environment, "deployments", "predict", "iris", "--url", $"http://127.0.0.1:{FreePort.Next()}", "-f", rows);
        nothingThere.ExitCode.Should().Be(6, nothingThere.ToString());
        nothingThere.Errors.Should().Contain("cannot reach http://127.0.0.1:");
    }

    private static Task<ModelshipCommandRun> Cli(ServingEnvironment environment, params string[] arguments) =>
        ModelshipCommandRun.RunAsync(environment, arguments);

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
