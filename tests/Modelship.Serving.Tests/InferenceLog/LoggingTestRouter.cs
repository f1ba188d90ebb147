using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.InferenceLog;

/// <summary>A real <see cref="RouterHost"/> on 127.0.0.1 that writes its inference log to a temporary directory.</summary>
internal sealed class LoggingTestRouter : IAsyncDisposable
{
    private readonly LogDirectory _directory;

    private LoggingTestRouter(RouterHost host, LogDirectory directory)
    {
        Host = host;
        _directory = directory;
        Client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public RouterHost Host { get; }

    public HttpClient Client { get; }

    public string LogDirectory => _directory.Path;

    public static async Task<LoggingTestRouter> StartAsync(
        RoutingTable table, InferenceLogOptions? log = null, Func<InferenceLogFiles, IInferenceLogSink>? createLogSink = null, bool withLogDirectory = true)
    {
        var directory = new LogDirectory();
        var options = new RouterOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            InferenceLog = (log ?? new InferenceLogOptions()) with { Directory = withLogDirectory ? directory.Path : null },
        };
        var host = RouterHost.Create(options, configureLogging: logging => logging.SetMinimumLevel(LogLevel.None), logSampler: new InferenceLogSampler(new Random(7)), createLogSink: createLogSink);
        host.Update(table);
        await host.StartAsync();
        return new LoggingTestRouter(host, directory);
    }

    public Task<HttpResponseMessage> InferAsync(string body, string path = "v2/models/iris/infer") =>
        Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>The entries <c>/v2/logs</c> returns for <paramref name="query"/> (newest first).</summary>
    public async Task<JsonElement[]> LogsAsync(string query = "")
    {
        using var response = await Client.GetAsync("v2/logs" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. document.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _directory.Dispose();
    }
}
