using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Modelship.EndToEnd.Support;
using Modelship.TestCluster;

namespace Modelship.EndToEnd;

/// <summary>
/// `modelship run -f examples/iris/modeldeployment.yaml` as a process, asked with the README's curl request: what
/// `make run` and the README promise a new user.
/// </summary>
public sealed partial class RunCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-e2e-run-").FullName;

    [Fact]
    public async Task Run_serves_the_example_manifest_and_answers_the_READMEs_curl_request()
    {
        var environment = await ServingEnvironment.GetAsync();
        // file://./models/... in the manifest is relative to the manifest, so the generated models go beside a copy of it.
        var manifest = Path.Combine(_directory, "modeldeployment.yaml");
        File.Copy(RepositoryRoot.Combine("examples", "iris", "modeldeployment.yaml"), manifest);
        var models = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;
        foreach (var model in Directory.GetFiles(environment.ModelsDirectory, "*.onnx"))
        {
            File.Copy(model, Path.Combine(models, Path.GetFileName(model)));
        }
        var (readmeUrl, readmeBody) = ReadmeCurl();
        var port = FreePort.Next();

        await using var run = ModelshipProcess.Start(environment, port, "run", "-f", manifest, "--port", $"{port}");
        await run.WaitForOutputAsync($"http://127.0.0.1:{port}/");
        run.RecentOutput.Should().Contain(readmeBody, "the printed example request is the README's");

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var content = new StringContent(readmeBody, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var answer = await client.PostAsync(new Uri(run.BaseAddress, readmeUrl.PathAndQuery), content);
        var text = await answer.Content.ReadAsStringAsync();

        answer.StatusCode.Should().Be(HttpStatusCode.OK, text);
        IrisRequests.ProblemWithAnswer(text).Should().BeNull("the README's request gets a label and probabilities: {0}", text);
        answer.Headers.GetValues("x-modelship-model-version").Single().Should().BeOneOf("v1", "v2");
    }

    /// <summary>The URL and body of the README's first curl request.</summary>
    private static (Uri Url, string Body) ReadmeCurl()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var curl = CurlPattern().Match(readme);
        curl.Success.Should().BeTrue("README.md shows a curl request to the infer endpoint");
        return (new Uri(curl.Groups["url"].Value), curl.Groups["body"].Value);
    }

    [GeneratedRegex(@"curl -s (?<url>http://\S+/infer)[^\n]*\\\s*\n\s*-d '(?<body>[^']+)'")]
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
