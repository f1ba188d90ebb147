using System.Globalization;
using System.Text.Json;
using Amazon.S3.Model;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship batch` as a process against a real `modelship runtime` serving the iris ONNX model: every row of
/// examples/iris/data/iris.csv answered in order, malformed rows reported and counted, and input and output on a real
/// S3-compatible server (s3rver).
/// </summary>
public sealed class BatchCommandTests : IClassFixture<S3rverFixture>, IDisposable
{
    private const string Features = "sepal_length,sepal_width,petal_length,petal_width";
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-batch-").FullName;
    private readonly S3rverFixture _s3;

    public BatchCommandTests(S3rverFixture s3) => _s3 = s3;

    private static string IrisCsv => RepositoryRoot.Combine("examples", "iris", "data", "iris.csv");

    private string InDirectory(string name) => Path.Combine(_directory, name);

    [Fact]
    public async Task Every_iris_row_is_answered_in_input_order_with_its_inputs_and_a_summary()
    {
        var environment = await ServingEnvironment.GetAsync();
        var port = FreePort.Next();
        await using var runtime = await ModelshipProcess.StartRuntimeAsync(environment, "v1", port);
        var output = InDirectory("answers.csv");
        var summaryFile = InDirectory("summary.json");

        var run = await ModelshipCommandRun.RunAsync(environment,
        [
            "batch", "--input", IrisCsv, "--output", output, "--endpoint", runtime.BaseAddress.AbsoluteUri, "--model", "iris",
            "--columns", Features, "--include-inputs", "--batch-size", "7", "--concurrency", "3", "--parameters", "source=e2e", "--summary-file", summaryFile,
        ]);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().MatchRegex(@"Succeeded: 150 rows, 0 failed, [0-9.]+ s, output .*answers\.csv");
        var inputLines = File.ReadAllLines(IrisCsv);
        var lines = File.ReadAllLines(output);
        lines[0].Should().Be($"row,{inputLines[0]},label,probabilities,error");
        lines.Should().HaveCount(151);
        for (var i = 1; i < lines.Length; i++)
        {
            lines[i].Should().StartWith($"{i},{inputLines[i]},", "row {0} is written in input order with its inputs", i);
            var fields = lines[i][($"{i},{inputLines[i]},".Length)..];
            fields.Should().MatchRegex("^[012],\"\\[[^\\]]+\\]\",$", "row {0} has a label, three probabilities and no error", i);
        }
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryFile));
        summary.RootElement.GetProperty("result").GetString().Should().Be("Succeeded");
        summary.RootElement.GetProperty("rows").GetInt64().Should().Be(150);
        summary.RootElement.GetProperty("failures").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Malformed_rows_are_written_with_an_error_naming_row_and_column_and_fail_the_run_over_the_allowed_ratio()
    {
        var environment = await ServingEnvironment.GetAsync();
        var port = FreePort.Next();
        await using var runtime = await ModelshipProcess.StartRuntimeAsync(environment, "v1", port);
        var input = InDirectory("rows.csv");
        File.WriteAllLines(input, [Features, "5.1,3.5,1.4,0.2", "6.3,abc,6.0,2.5", "5.9,3.0", "6.7,3.0,5.0,1.7"]);
        var output = InDirectory("answers.jsonl");

        var strict = await ModelshipCommandRun.RunAsync(environment,
            ["batch", "--input", input, "--output", output, "--endpoint", runtime.BaseAddress.AbsoluteUri, "--model", "iris"]);

        strict.ExitCode.Should().Be(1, strict.ToString());
        strict.Errors.Should().Contain("2 of 4 rows failed");
        var rows = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        rows.Select(r => r.GetProperty("row").GetInt64()).Should().Equal(1, 2, 3, 4);
        rows[0].TryGetProperty("error", out _).Should().BeFalse();
        rows[0].GetProperty("probabilities").GetArrayLength().Should().Be(3);
        rows[1].GetProperty("error").GetString().Should().Be("row 2 (line 3), column sepal_width: \"abc\" is not a finite number (input tensor input is FP32)");
        rows[2].GetProperty("error").GetString().Should().StartWith("row 3 (line 4) has 2 field(s), the header has 4");
        rows[3].GetProperty("label").ValueKind.Should().Be(JsonValueKind.Number);

        var tolerant = await ModelshipCommandRun.RunAsync(environment,
            ["batch", "--input", input, "--output", output, "--endpoint", runtime.BaseAddress.AbsoluteUri, "--model", "iris", "--max-failure-ratio", "0.5"]);
        tolerant.ExitCode.Should().Be(0, tolerant.ToString());
    }

    [Fact]
    public async Task A_missing_input_or_columns_that_do_not_fit_the_model_end_with_a_clear_message()
    {
        var environment = await ServingEnvironment.GetAsync();
        var port = FreePort.Next();
        await using var runtime = await ModelshipProcess.StartRuntimeAsync(environment, "v1", port);

        var missing = await ModelshipCommandRun.RunAsync(environment,
            ["batch", "--input", InDirectory("nope.csv"), "--output", InDirectory("o.csv"), "--endpoint", runtime.BaseAddress.AbsoluteUri, "--model", "iris"]);
        missing.ExitCode.Should().Be(1, missing.ToString());
        missing.Errors.Should().Contain($"input file {InDirectory("nope.csv")} does not exist");

        var allColumns = await ModelshipCommandRun.RunAsync(environment,
            ["batch", "--input", IrisCsv, "--output", InDirectory("o.csv"), "--endpoint", runtime.BaseAddress.AbsoluteUri, "--model", "iris"]);
        allColumns.ExitCode.Should().Be(1, allColumns.ToString());
        allColumns.Errors.Should().Contain("model input input takes 4 values per row").And.Contain("species");
        File.Exists(InDirectory("o.csv")).Should().BeFalse("a run that could not start publishes no output");
    }

    [Fact]
    public async Task Input_and_output_on_s3()
    {
        var environment = await ServingEnvironment.GetAsync();
        var port = FreePort.Next();
        await using var runtime = await ModelshipProcess.StartRuntimeAsync(environment, "v1", port);
        var bucket = await _s3.CreateBucketAsync();
        await _s3.PutAsync(bucket, "in/iris.csv", await File.ReadAllTextAsync(IrisCsv));

        var run = await ModelshipCommandRun.RunAsync(environment,
        [
            "batch", "--input", $"s3://{bucket}/in/iris.csv", "--output", $"s3://{bucket}/out/answers.jsonl", "--endpoint", runtime.BaseAddress.AbsoluteUri,
            "--model", "iris", "--columns", Features, "--s3-endpoint", _s3.EndpointUrl.AbsoluteUri,
        ], S3Credentials());

        run.ExitCode.Should().Be(0, run.ToString());
        using var response = await _s3.Client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "out/answers.jsonl" });
        using var reader = new StreamReader(response.ResponseStream);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(150);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("row").GetInt64()).Should().Equal(Enumerable.Range(1, 150).Select(i => (long)i));
        lines.Should().OnlyContain(l => !l.Contains("\"error\"", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> S3Credentials() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretAccessKey,
    };

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
