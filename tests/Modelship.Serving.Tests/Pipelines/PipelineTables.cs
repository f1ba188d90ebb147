using System.Net;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Pipelines;

/// <summary>Pipeline routing tables and routers for tests.</summary>
internal static class PipelineTables
{
    public const string Name = "pipe";

    public static StepBackend Model(string name, FakeTensorServer server, int weight = 0) =>
        new() { Name = name, Version = server.Identity, Url = server.Url, ModelName = name, Weight = weight };

    public static RoutingStep Step(string name, StepKind kind, params StepBackend[] models) => new() { Name = name, Kind = kind, Models = models };

    public static RoutingTable Table(long generation, params RoutingStep[] steps) =>
        new() { Generation = generation, ModelName = Name, Pipeline = new RoutingPipeline { Steps = steps } };

    /// <summary>A real router with this table, logging to <paramref name="logDirectory"/> when given, with a seeded weighted split.</summary>
    public static async Task<PipelineRouter> RouterAsync(RoutingTable table, string? logDirectory = null, TimeSpan? timeout = null)
    {
        var options = new RouterOptions
        {
            Address = IPAddress.Loopback,
            Port = 0,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
            InferenceLog = new InferenceLogOptions { Directory = logDirectory, FlushInterval = TimeSpan.FromMilliseconds(10) },
        };
        var host = RouterHost.Create(options, configureLogging: logging => logging.SetMinimumLevel(LogLevel.None), split: new WeightedSplit(new Random(7)));
        host.Update(table);
        await host.StartAsync();
        return new PipelineRouter(host);
    }

    /// <summary>A request with one FP32 input.</summary>
    public static string Request(string input, float[] values, string extra = "") =>
        $$"""{"id":"r1"{{extra}},"inputs":[{"name":"{{input}}","shape":[{{values.Length}}],"datatype":"FP32","data":[{{string.Join(",", values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}}]}]}""";
}
