using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Modelship.Serving;
using Modelship.Serving.Routing;

namespace Modelship.Cli.Commands;

/// <summary>`modelship router`: the V2 front of a ModelDeployment that splits, pins and mirrors traffic over its runtimes.</summary>
public static class RouterCommand
{
    public static Command Create()
    {
        var routingTable = new Option<string>("--routing-table") { Description = "Routing table JSON file; followed for changes", Required = true };
        var address = new Option<string>("--address") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 8080 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds a backend has to answer before the caller gets 504", DefaultValueFactory = _ => 15 };
        var maxBodyBytes = new Option<long>("--max-body-bytes") { Description = "Largest request body; larger ones get 413", DefaultValueFactory = _ => 16L * 1024 * 1024 };
        var shadowQueue = new Option<int>("--shadow-queue") { Description = "Mirrored requests waiting for shadows before new ones are dropped", DefaultValueFactory = _ => 1024 };

        var command = new Command("router", "Serve the Open Inference Protocol V2 in front of model runtimes: weighted, sticky and key splits, version pinning and shadows.")
        {
            routingTable, address, port, timeout, maxBodyBytes, shadowQueue,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetRequiredValue(address), out var listenAddress))
            {
                await Console.Error.WriteLineAsync($"modelship router: --address '{parse.GetValue(address)}' is not an IP address").ConfigureAwait(false);
                return 2;
            }
            var seconds = parse.GetValue(timeout);
            if (seconds <= 0 || parse.GetValue(maxBodyBytes) <= 0 || parse.GetValue(shadowQueue) <= 0 || parse.GetValue(port) is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync("modelship router: --timeout, --max-body-bytes and --shadow-queue must be positive and --port within 0-65535").ConfigureAwait(false);
                return 2;
            }
            var options = new RouterOptions
            {
                Address = listenAddress,
                Port = parse.GetValue(port),
                Timeout = TimeSpan.FromSeconds(seconds),
                MaxBodyBytes = parse.GetValue(maxBodyBytes),
                ShadowQueueCapacity = parse.GetValue(shadowQueue),
            };
            var tablePath = parse.GetRequiredValue(routingTable);
            await using var router = RouterHost.Create(
                options,
                loggers => new FileRoutingTableSource(tablePath, loggers.CreateLogger("Modelship.Router.Table")),
                logging => logging.AddSimpleConsole(console => console.SingleLine = true));
            await router.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
