using System.CommandLine;
using Modelship.Serving.Fetch;

namespace Modelship.Cli.Commands;

/// <summary>`modelship fetch`: the init container of a runtime pod, which puts the model where the runtime reads it.</summary>
public static class FetchCommand
{
    public static Command Create()
    {
        var uri = new Option<string>("--uri") { Description = "Model URI: file:///path, pvc://claim/path, http(s)://host/path, s3://bucket/key (s3://bucket/prefix/ for a folder)", Required = true };
        var destination = new Option<string>("--dest") { Description = "Directory that receives the model", Required = true };
        var sha256 = new Option<string?>("--sha256") { Description = "Expected SHA-256 (hex) of the file or archive" };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest download or extracted size", DefaultValueFactory = _ => 2L * 1024 * 1024 * 1024 };
        var allowPrivate = new Option<bool>("--allow-private-networks") { Description = "Allow loopback, link-local and private addresses" };
        var pvcRoot = new Option<string>("--pvc-root") { Description = "Where PersistentVolumeClaims are mounted", DefaultValueFactory = _ => "/mnt/pvc" };

        var s3 = new S3CommandOptions();
        var command = new Command("fetch", "Download or copy a model into a directory, verify its SHA-256 and extract archives safely.")
        {
            uri, destination, sha256, maxBytes, allowPrivate, pvcRoot,
        };
        s3.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetRequiredValue(uri), UriKind.Absolute, out var source))
            {
                await Console.Error.WriteLineAsync($"modelship fetch: --uri '{parse.GetValue(uri)}' is not an absolute URI").ConfigureAwait(false);
                return 2;
            }

            Registry.S3.S3ConnectionOptions? connection = null;
            if (source.Scheme == "s3")
            {
                try
                {
                    connection = s3.Read(parse);
                }
                catch (ArgumentException e)
                {
                    await Console.Error.WriteLineAsync($"modelship fetch: {e.Message}").ConfigureAwait(false);
                    return 2;
                }
            }

            var options = new FetchOptions
            {
                Source = source,
                Destination = parse.GetRequiredValue(destination),
                Sha256 = parse.GetValue(sha256),
                MaxBytes = parse.GetValue(maxBytes),
                AllowPrivateNetworks = parse.GetValue(allowPrivate),
                PvcRoot = parse.GetRequiredValue(pvcRoot),
                S3 = connection,
            };
            try
            {
                var result = await ModelFetcher.FetchAsync(options, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"fetched {result.Bytes} bytes to {result.Path}{(result.Sha256 is null ? "" : $" (sha256 {result.Sha256})")}")
                    .ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is FetchException or HttpRequestException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"modelship fetch: {e.Message}{(e.InnerException is FetchException inner ? $": {inner.Message}" : "")}")
                    .ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
