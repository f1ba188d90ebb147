using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship run -f examples/pipeline/pipeline.yaml` as a process, asked with the README's pipeline curl request:
/// the key split, the ModelDeployment behind the classify step, its shadow challenger, the validation and the log.
/// </summary>
public sealed partial class PipelineRunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-run-pipeline-").FullName;

    [Fact]
    public async Task Run_serves_the_example_pipeline_and_answers_the_READMEs_curl_request()
    {
        var environment = await ServingEnvironment.GetAsync();
        var manifest = Path.Combine(_directory, "pipeline.yaml");
        File.Copy(RepositoryRoot.Combine("examples", "pipeline", "pipeline.yaml"), manifest);
        var models = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;
        foreach (var model in Directory.GetFiles(await PipelineModels.DirectoryAsync(), "*.onnx"))
        {
            File.Copy(model, Path.Combine(models, Path.GetFileName(model)));
        }
        var (readmeUrl, readmeBody) = ReadmeCurl();
        var port = FreePort.Next();

        await using var run = ModelshipProcess.Start(environment, port, "run", "-f", manifest, "--port", $"{port}");
        await run.WaitForOutputAsync($"serving pipeline iris-pipeline (3 steps) at http://127.0.0.1:{port}/");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };

        var (inches, inchesText) = await PostAsync(client, new Uri(run.BaseAddress, readmeUrl.PathAndQuery), readmeBody);
        var millimetres = readmeBody.Replace("\"country\":\"us\"", "\"country\":\"fr\"", StringComparison.Ordinal)
            .Replace("[2.32,1.38,2.01,0.71]", "[59,30,51,18]", StringComparison.Ordinal);
        var (mm, mmText) = await PostAsync(client, new Uri(run.BaseAddress, readmeUrl.PathAndQuery), millimetres);

        inches.StatusCode.Should().Be(HttpStatusCode.OK, inchesText);
        IrisRequests.ProblemWithAnswer(inchesText).Should().BeNull(inchesText);
        Header(inches, "x-modelship-step-models").Should().Be("to-centimetres:inches@v1,classify:iris@v1");
        mm.StatusCode.Should().Be(HttpStatusCode.OK, mmText);
        Header(mm, "x-modelship-step-models").Should().Be("to-centimetres:millimetres@v1,classify:iris@v1");
        Label(inchesText).Should().Be(Label(mmText), "2.32 in and 59 mm are the same flower, give or take a millimetre");
        using var document = JsonDocument.Parse(inchesText);
        document.RootElement.GetProperty("model_name").GetString().Should().Be("iris-pipeline");

        // The log: one pipeline entry per request, and the shadow challenger's answers under iris-pipeline/classify.
        var entries = await EventuallyAsync(async () =>
        {
            var logs = JsonDocument.Parse(await client.GetStringAsync(new Uri(run.BaseAddress, "v2/logs"))).RootElement.GetProperty("entries");
            return logs.GetArrayLength() >= 4 ? logs.Clone() : (JsonElement?)null;
        });
        entries.EnumerateArray().Where(e => e.GetProperty("role").GetString() == "pipeline").Should().HaveCount(2);
        entries.EnumerateArray().Where(e => e.GetProperty("model").GetString() == "iris-pipeline/classify")
            .Should().HaveCount(2).And.OnlyContain(e => e.GetProperty("version").GetString() == "v3" && e.GetProperty("role").GetString() == "shadow");
        using var classify = JsonDocument.Parse(await client.GetStringAsync(new Uri(run.BaseAddress, "v2/logs?step=classify")));
        var pipelineEntries = classify.RootElement.GetProperty("entries").EnumerateArray().ToList();
        pipelineEntries.Should().HaveCount(2);
        pipelineEntries[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()).Should().Equal("to-centimetres", "classify", "checks");
    }

    private static async Task<(HttpResponseMessage Response, string Text)> PostAsync(HttpClient client, Uri url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync(url, content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static long Label(string answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "label").GetProperty("data")[0].GetInt64();
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (await read() is { } found)
            {
                return found;
            }
            DateTime.UtcNow.Should().BeBefore(deadline, "the requests and their shadows are logged within seconds");
            await Task.Delay(200);
        }
    }

    /// <summary>The URL and body of the README's curl request to the pipeline.</summary>
    private static (Uri Url, string Body) ReadmeCurl()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var curl = CurlPattern().Match(readme);
        curl.Success.Should().BeTrue("README.md shows a curl request to the pipeline's infer endpoint");
        return (new Uri(curl.Groups["url"].Value), curl.Groups["body"].Value);
    }

    [GeneratedRegex(@"curl -s (?<url>http://\S+/iris-pipeline/infer)[^\n]*\\\s*\n\s*-d '(?<body>[^']+)'")]
    private static partial Regex CurlPattern();

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
