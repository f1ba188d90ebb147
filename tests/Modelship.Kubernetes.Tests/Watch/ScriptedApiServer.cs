using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Watch;

/// <summary>
/// A real HTTP server (Kestrel on 127.0.0.1, random port) that plays the ConfigMap list and watch endpoints of
/// one namespace from scripts, and records the query of every list and watch request.
/// </summary>
internal sealed class ScriptedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<IQueryCollection> _lists = [];
    private readonly List<IQueryCollection> _watches = [];

    private ScriptedApiServer(WebApplication app) => _app = app;

    /// <summary>Answers the n-th list request (0-based).</summary>
    public Func<int, HttpContext, Task> OnList { get; set; } = (_, _) => Task.CompletedTask;

    /// <summary>Serves the n-th watch connection (0-based); returning ends the stream.</summary>
    public Func<int, HttpContext, Task> OnWatch { get; set; } = (_, _) => Task.CompletedTask;

    public Uri Url => new(_app.Urls.First());

    public IReadOnlyList<IQueryCollection> Lists
    {
        get
        {
            lock (_lists)
            {
                return [.. _lists];
            }
        }
    }

    public IReadOnlyList<IQueryCollection> Watches
    {
        get
        {
            lock (_watches)
            {
                return [.. _watches];
            }
        }
    }

    public static async Task<ScriptedApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0").UseShutdownTimeout(TimeSpan.FromMilliseconds(200));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedApiServer(app);
        app.MapGet("/api/v1/namespaces/ns/configmaps", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public KubernetesClient CreateClient() =>
        new(new KubernetesClientConfiguration { Host = Url.ToString() }, new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None });

    public static async Task WriteLineAsync(HttpContext context, string json)
    {
        await context.Response.WriteAsync(json + "\n");
        await context.Response.Body.FlushAsync();
    }

    public static Task WriteListAsync(HttpContext context, string resourceVersion, params string[] names)
    {
        var items = string.Join(",", names.Select(n => ConfigMapJson(n, resourceVersion)));
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"},\"items\":[" + items + "]}");
    }

    public static string Event(string type, string name, string resourceVersion) =>
        "{\"type\":\"" + type + "\",\"object\":" + ConfigMapJson(name, resourceVersion) + "}";

    public static string Bookmark(string resourceVersion) =>
        "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}}";

    private static string ConfigMapJson(string name, string resourceVersion) =>
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\",\"resourceVersion\":\"" + resourceVersion + "\"}}";

    public const string ExpiredError =
        """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (50)","reason":"Expired","code":410}}""";

    /// <summary>Sends the headers, then nothing, until the client goes away: a quiet watch or a half-open connection.</summary>
    public static async Task HoldOpenAsync(HttpContext context)
    {
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client closed the connection.
        }
    }

    public static Task RespondGoneAsync(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.Gone;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old","reason":"Expired","code":410}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Query["watch"] == "true")
        {
            int index;
            lock (_watches)
            {
                index = _watches.Count;
                _watches.Add(context.Request.Query);
            }

            context.Response.ContentType = "application/json";
            await OnWatch(index, context);
            return;
        }

        int listIndex;
        lock (_lists)
        {
            listIndex = _lists.Count;
            _lists.Add(context.Request.Query);
        }

        await OnList(listIndex, context);
    }
}
