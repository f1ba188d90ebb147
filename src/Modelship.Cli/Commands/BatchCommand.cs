using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Modelship.Cli.Batch;
using Modelship.Registry.S3;
using Modelship.Serving.Batch;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship batch`: batch prediction through a V2 endpoint (a ModelDeployment's Service, `modelship run`, any
/// Open Inference Protocol server). Exit codes: 0 done within --max-failure-ratio, 1 more rows failed or the run
/// failed as a whole, 2 bad options. The work is Modelship.Serving/Batch; this file reads options and prints.
/// </summary>
public static class BatchCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Rows to predict: a path, file:///path, http(s)://... or s3://bucket/key", Required = true };
        var inputFormat = new Option<string?>("--input-format") { Description = "csv (a header row) or jsonl (one JSON object per line); default: from the name (.jsonl, .ndjson: jsonl)" };
        var output = new Option<string>("--output") { Description = "Where the answers go: a path, file:///path or s3://bucket/key", Required = true };
        var outputFormat = new Option<string?>("--output-format") { Description = "csv or jsonl; default: from the name" };
        var includeInputs = new Option<bool>("--include-inputs") { Description = "Copy the input's columns next to the outputs" };
        var endpoint = new Option<string>("--endpoint") { Description = "The V2 server, such as http://127.0.0.1:8080", Required = true };
        var model = new Option<string>("--model") { Description = "The model's name (/v2/models/{name})", Required = true };
        var modelVersion = new Option<string?>("--model-version") { Description = "A version of the model; default: the server's choice" };
        var inputName = new Option<string?>("--input-name") { Description = "Send the chosen columns as one tensor of this name, shape [rows, columns]; default: the model's only input, or one tensor per input named like a column" };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to send, in order; default: every column" };
        var parameters = new Option<string[]>("--parameters") { Description = "key=value merged into every request's parameters (repeatable)", AllowMultipleArgumentsPerToken = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per request", DefaultValueFactory = _ => 16 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once", DefaultValueFactory = _ => 4 };
        var retries = new Option<int>("--retries") { Description = "Retries of a request after a connection error, a timeout, 429 or 5xx (exponential backoff)", DefaultValueFactory = _ => 4 };
        var timeout = new Option<double>("--timeout-seconds") { Description = "Timeout of one request attempt", DefaultValueFactory = _ => 60 };
        var maxFailureRatio = new Option<double>("--max-failure-ratio") { Description = "Exit 1 when more than this fraction of rows failed (0: any failure)", DefaultValueFactory = _ => 0 };
        var summaryFile = new Option<string?>("--summary-file") { Description = "Write the summary as JSON here (a Job: /dev/termination-log)" };
        var s3 = new S3CommandOptions();

        var command = new Command("batch", "Send the rows of a CSV or JSON Lines file to a model's V2 endpoint and write every answer (and every failed row, with its error).")
        {
            input, inputFormat, output, outputFormat, includeInputs, endpoint, model, modelVersion, inputName, columns, parameters,
            batchSize, concurrency, retries, timeout, maxFailureRatio, summaryFile,
        };
        s3.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            BatchRunSettings settings;
            S3ConnectionOptions connection;
            try
            {
                if (!Uri.TryCreate(parse.GetRequiredValue(endpoint), UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("http" or "https"))
                {
                    throw new BatchInputException($"--endpoint \"{parse.GetValue(endpoint)}\" is not an absolute http(s) URL");
                }
                if (parse.GetValue(batchSize) < 1 || parse.GetValue(concurrency) < 1 || parse.GetValue(retries) < 0 || parse.GetValue(timeout) <= 0)
                {
                    throw new BatchInputException("--batch-size and --concurrency must be at least 1, --retries at least 0, --timeout-seconds above 0");
                }
                if (parse.GetValue(maxFailureRatio) is < 0 or > 1)
                {
                    throw new BatchInputException($"--max-failure-ratio must be between 0 and 1 (got {parse.GetValue(maxFailureRatio)})");
                }
                connection = s3.Read(parse);
                settings = new BatchRunSettings
                {
                    Input = BatchLocation.Parse(parse.GetRequiredValue(input)),
                    InputFormat = Format(parse.GetValue(inputFormat), "--input-format"),
                    Output = BatchLocation.Parse(parse.GetRequiredValue(output)),
                    OutputFormat = Format(parse.GetValue(outputFormat), "--output-format"),
                    IncludeInputs = parse.GetValue(includeInputs),
                    Endpoint = endpointUri,
                    Model = parse.GetRequiredValue(model),
                    ModelVersion = parse.GetValue(modelVersion),
                    Layout = new TensorLayoutOptions(parse.GetValue(inputName), ColumnList(parse.GetValue(columns))),
                    Parameters = RequestParameters.Parse(parse.GetValue(parameters) ?? []),
                    BatchSize = parse.GetValue(batchSize),
                    Concurrency = parse.GetValue(concurrency),
                    Retries = parse.GetValue(retries),
                    MaxFailureRatio = parse.GetValue(maxFailureRatio),
                };
            }
            catch (Exception e) when (e is BatchInputException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"modelship batch: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            var scratch = Path.Combine(Path.GetTempPath(), $"modelship-batch-{Environment.ProcessId}");
            try
            {
                var storage = new BatchStorage(http, () => S3ClientFactory.Create(connection), scratch);
                var display = new BatchProgressDisplay(TimeSpan.FromSeconds(5));
                var summary = await display.ShowAsync(progress => new BatchRun(http, storage).RunAsync(settings, progress, cancellationToken)).ConfigureAwait(false);
                await ReportAsync(summary, parse.GetValue(summaryFile)).ConfigureAwait(false);
                return summary.Result == BatchSummary.Succeeded ? 0 : 1;
            }
            finally
            {
                if (Directory.Exists(scratch))
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task ReportAsync(BatchSummary summary, string? summaryFile)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{summary.Result}: {summary.Rows} rows, {summary.Failures} failed, {summary.DurationSeconds:0.###} s, output {summary.Output}");
        await Console.Out.WriteLineAsync(text).ConfigureAwait(false);
        if (summary.Message is not null)
        {
            await Console.Error.WriteLineAsync($"modelship batch: {summary.Message}").ConfigureAwait(false);
        }
        if (summaryFile is not null)
        {
            await File.WriteAllTextAsync(summaryFile, JsonSerializer.Serialize(summary, BatchJsonContext.Default.BatchSummary)).ConfigureAwait(false);
        }
    }

    private static BatchDataFormat? Format(string? text, string option) =>
        text is null ? null
        : BatchDataFormats.TryParse(text, out var format) ? format
        : throw new BatchInputException($"{option} \"{text}\" is not csv or jsonl");

    private static string[]? ColumnList(string? text) =>
        text is null ? null : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
