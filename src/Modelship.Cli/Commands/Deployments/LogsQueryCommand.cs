using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// <c>modelship deployments|pipelines logs NAME</c>: the newest inference log entries of the router
/// (<c>GET /v2/logs</c>), with the time and validity filters of `modelship logs export`
/// (<see cref="InferenceLogQueryOptions"/>), as a table or the entries as JSON.
/// </summary>
internal static class LogsQueryCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var endpointOptions = new EndpointOptions();
        var query = new InferenceLogQueryOptions();
        var limit = new Option<int?>("--limit") { Description = "At most this many entries, newest first (default 100, up to 10000)" };
        var step = new Option<string?>("--step") { Description = "Only entries in which this pipeline step ran" };
        var output = OutputFormatOption.Create("Output: table (one line per entry, without tensors), json or yaml (the entries as logged)");
        var command = new Command("logs", $"Show the newest inference log entries of a {kind.Kind}'s router (it logs when spec.monitoring collects predictions).")
        {
            limit, output,
        };
        query.AddTo(command);
        if (kind == DeployedKind.Pipeline)
        {
            command.Options.Add(step);
        }
        arguments.AddName(command);
        endpointOptions.AddTo(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var name = arguments.RequiredName(parse, kind);
            var parameters = query.Parameters(parse);
            parameters["limit"] = parse.GetValue(limit)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (kind == DeployedKind.Pipeline)
            {
                parameters["step"] = parse.GetValue(step);
            }
            if (InferenceLogQueryOptions.Problem(parameters) is { } problem)
            {
                throw new ClientCommandException(CliExitCodes.Usage, problem);
            }
            using var open = await OpenEndpoint.OpenAsync(parse, endpointOptions, cluster, kind, name, cancellationToken).ConfigureAwait(false);
            var router = new RouterClient(open.Endpoint, endpointOptions.RequestTimeout(parse));
            var answer = await router.LogsAsync(InferenceLogQueryOptions.QueryString(parameters), cancellationToken).ConfigureAwait(false);
            JsonNode node;
            try
            {
                node = JsonNode.Parse(answer) ?? throw new ClientCommandException("the router answered null");
            }
            catch (JsonException e)
            {
                throw new ClientCommandException($"the router's /v2/logs answer is not JSON: {e.Message}", e);
            }
            var format = parse.GetValue(output);
            await io.Output.WriteAsync(format == OutputFormat.Table
                ? InferenceLogTable.Format(node)
                : ObjectDocuments.Format(node, format)).ConfigureAwait(false);
            return CliExitCodes.Success;
        });
        return command;
    }
}
