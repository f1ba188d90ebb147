using System.Text.Json.Nodes;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>A real <see cref="RouterHost"/> serving a pipeline table on 127.0.0.1, with a client pointed at it.</summary>
internal sealed class PipelineRouter(RouterHost host) : IAsyncDisposable
{
    public RouterHost Host { get; } = host;

    public HttpClient Client { get; } = new(new SocketsHttpHandler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<(HttpResponseMessage Response, JsonObject Body)> InferAsync(string body, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"v2/models/{PipelineTables.Name}/infer")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The <c>x-modelship-step-models</c> header: step, model and version of every exchange.</summary>
    public static string StepModels(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-modelship-step-models", out var values) ? string.Join(",", values) : "";

    /// <summary>The data of output <paramref name="name"/> of an answer, as doubles.</summary>
    public static double[] Output(JsonObject answer, string name) =>
        [.. answer["outputs"]!.AsArray().Single(o => (string)o!["name"]! == name)!["data"]!.AsArray().Select(v => (double)v!)];

    public static IReadOnlyList<string> OutputNames(JsonObject answer) => [.. answer["outputs"]!.AsArray().Select(o => (string)o!["name"]!)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
