using System.CommandLine;
using Modelship.Serving.Batch;
using Modelship.Serving.Monitoring.Profile;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship profile`: the reference profile drift is measured against, from training data (CSV with a header row or
/// JSON Lines, read like `modelship batch` reads its input). Exit codes: 0 written, 1 the input cannot be profiled,
/// 2 bad options. The work is Modelship.Serving/Monitoring/Profile; this file reads options and files.
/// </summary>
public static class ProfileCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "Training data: a CSV file with a header row, or JSON Lines (.jsonl, .ndjson)", Required = true };
        var inputFormat = new Option<string?>("--input-format") { Description = "csv or jsonl; default: from the name" };
        var output = new Option<string>("--output", "-o") { Description = "The profile JSON to write", Required = true };
        var target = new Option<string?>("--target") { Description = "The column holding the target (or the model's predictions): profiled under predictions" };
        var targetOutput = new Option<string?>("--target-output") { Description = "The model output the target is compared with; default: the target column's name" };
        var inputName = new Option<string?>("--input-name") { Description = "The other columns are the columns of one 2-D input of this name (features name[0], name[1], ...); default: each header names its input (or name[i])" };
        var bins = new Option<int>("--bins") { Description = "Quantile bins per numeric column", DefaultValueFactory = _ => 10 };
        var topK = new Option<int>("--top-k") { Description = "Categories kept per categorical column (the rest: other)", DefaultValueFactory = _ => 20 };
        var categorical = new Option<string?>("--categorical") { Description = "Comma-separated columns profiled as categories even when numeric (class labels)" };

        var command = new Command("profile", "Compute the reference profile (bins, ranges, missing ratios per feature and target) that the router measures drift against.")
        {
            input, inputFormat, output, target, targetOutput, inputName, bins, topK, categorical,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(input);
            BatchDataFormat format;
            if (parse.GetValue(inputFormat) is { } formatText)
            {
                if (!BatchDataFormats.TryParse(formatText, out format))
                {
                    await Console.Error.WriteLineAsync($"modelship profile: --input-format {formatText}: expected csv or jsonl").ConfigureAwait(false);
                    return 2;
                }
            }
            else
            {
                format = BatchDataFormats.FromName(path);
            }
            var options = new ProfileOptions(
                parse.GetValue(bins),
                parse.GetValue(topK),
                parse.GetValue(inputName),
                parse.GetValue(target),
                parse.GetValue(targetOutput),
                parse.GetValue(categorical)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            try
            {
                var (columns, rows) = Read(path, format);
                var profile = ReferenceProfileBuilder.Build(columns, rows, options);
                await File.WriteAllTextAsync(parse.GetRequiredValue(output), ReferenceProfileFile.Serialize(profile), cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync(
                    $"profiled {profile.Rows} rows: {profile.Features.Count} features, {profile.Predictions.Count} outputs -> {parse.GetValue(output)}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is ProfileInputException or BatchInputException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"modelship profile: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static (IReadOnlyList<string> Columns, IEnumerable<IReadOnlyList<string?>> Rows) Read(string path, BatchDataFormat format)
    {
        var columns = format == BatchDataFormat.JsonLines ? JsonLinesRowReader.Scan(path).Columns : CsvRowReader.Scan(path).Columns;
        var rows = format == BatchDataFormat.JsonLines ? JsonLinesRowReader.Read(path, columns) : CsvRowReader.Read(path);
        return (columns, rows.Select(row => row.Problem is null ? row.Values : throw new ProfileInputException($"input {path}: {row.Where} {row.Problem}")));
    }
}
