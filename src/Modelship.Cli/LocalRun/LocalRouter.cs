using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving;
using Modelship.Serving.Routing;

namespace Modelship.Cli.LocalRun;

/// <summary>The router of a local run: serving <c>table</c> on 127.0.0.1, or disposed when it cannot start.</summary>
internal static class LocalRouter
{
    public static async Task<RouterHost> StartAsync(RoutingTable table, LocalRunOptions options, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        var router = RouterHost.Create(
            new RouterOptions { Port = options.Port, GrpcPort = options.GrpcPort, Limits = options.Limits, InferenceLog = new() { Directory = options.LogDirectory }, Auth = options.Auth }, configureLogging: configureLogging);
        try
        {
            router.Update(table);
            await router.StartAsync(cancellationToken).ConfigureAwait(false);
            return router;
        }
        catch
        {
            await router.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
