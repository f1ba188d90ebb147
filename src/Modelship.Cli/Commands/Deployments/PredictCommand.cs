using System.CommandLine;
using Modelship.Cli.Client;
using Modelship.Serving.Batch;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// <c>modelship deployments|pipelines predict NAME -f input</c> (MLflow's predict): reads a JSON or CSV file, asks
/// the router (through the API server's Service proxy, or --url/--local) and prints the outputs as a table or JSON.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var endpointOptions = new EndpointOptions();
        var input = new Option<string>("--file", "-f") { Description = "Input: CSV with a header row, JSON Lines, or JSON (a V2 request, a list of rows, dataframe_records, dataframe_split)", Required = true };
        var inputFormat = new Option<string?>("--input-format") { Description = "csv, json or jsonl; default: from the file name" };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to send, in order (default: every column)" };
        var inputName = new Option<string?>("--input-name") { Description = "Send the columns as one tensor of this name, shape [rows, columns] (default: the model's only input)" };
        var version = new Option<string?>("--model-version") { Description = "Ask this version of the model (/versions/{v}); default: the router's split" };
        var output = OutputFormatOption.Create("Output: table (a row per input row), json or yaml (the V2 answer)");
        var command = new Command("predict", $"Ask a {kind.Kind} for predictions on the rows of a JSON or CSV file.")
        {
            input, inputFormat, columns, inputName, version, output,
        };
        arguments.AddName(command);
        endpointOptions.AddTo(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var name = arguments.RequiredName(parse, kind);
            var timeout = endpointOptions.RequestTimeout(parse);
            var data = PredictInput.Read(parse.GetRequiredValue(input), parse.GetValue(inputFormat));
            var layout = new TensorLayoutOptions(
                parse.GetValue(inputName),
                parse.GetValue(columns) is { } list ? [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : null);
            using var open = await OpenEndpoint.OpenAsync(parse, endpointOptions, cluster, kind, name, cancellationToken).ConfigureAwait(false);
            var router = new RouterClient(open.Endpoint, timeout);
            var modelVersion = parse.GetValue(version);
            var metadata = PredictRequest.NeedsMetadata(data)
                ? (await router.MetadataAsync(name, modelVersion, cancellationToken).ConfigureAwait(false)).Inputs
                : [];
            var request = PredictRequest.Build(data, metadata, layout);
            var answer = await router.InferAsync(name, modelVersion, request, cancellationToken).ConfigureAwait(false);
            await io.Output.WriteAsync(PredictOutput.Format(answer, parse.GetValue(output))).ConfigureAwait(false);
            return CliExitCodes.Success;
        });
        return command;
    }
}
