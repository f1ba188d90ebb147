using System.CommandLine;
using Modelship.Serving.InferenceLog;

namespace Modelship.Cli.Commands;

/// <summary>`modelship logs export`: copies a time range of a router's inference log (rotated files included) to one NDJSON file.</summary>
public static class LogsCommand
{
    public static Command Create()
    {
        var directory = new Option<string>("--dir") { Description = "The router's --log-dir", Required = true };
        var query = new InferenceLogQueryOptions();
        var output = new Option<string>("--output", "-o") { Description = "NDJSON file to write, one entry per line, oldest first", Required = true };

        var export = new Command("export", "Export inference log entries of a time range, oldest first, as NDJSON.") { directory, output };
        query.AddTo(export);
        export.SetAction(async (parse, cancellationToken) =>
        {
            var parameters = query.Parameters(parse);
            if (!InferenceLogQueryOptions.TryParse(parameters, out var filter, out var error))
            {
                await Console.Error.WriteLineAsync($"modelship logs export: {error}").ConfigureAwait(false);
                return 2;
            }
            var files = new InferenceLogFiles(Path.GetFullPath(parse.GetRequiredValue(directory)));
            try
            {
                long count = 0;
                await using (var file = new FileStream(parse.GetRequiredValue(output), FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024))
                {
                    await foreach (var line in InferenceLogReader.ReadOldestFirstAsync(files, filter, cancellationToken).ConfigureAwait(false))
                    {
                        await file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                        file.WriteByte((byte)'\n');
                        count++;
                    }
                }
                await Console.Out.WriteLineAsync($"exported {count} entries to {parse.GetValue(output)}").ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"modelship logs export: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return new Command("logs", "Work with a router's inference log.") { export };
    }
}
