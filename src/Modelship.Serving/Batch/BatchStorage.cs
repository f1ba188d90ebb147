using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Modelship.Registry;
using Modelship.Registry.S3;

namespace Modelship.Serving.Batch;

/// <summary>
/// Brings a remote input to a local file before the run (the rows are read twice: once to count them), and puts the
/// output where it belongs after it: a local output is written beside its path and renamed into place, so a failed
/// run never leaves a half-written file that looks finished; an s3:// output is uploaded once complete.
/// </summary>
public sealed class BatchStorage(HttpClient http, Func<IAmazonS3> s3, string scratchDirectory)
{
    /// <summary>The local path of the input, downloaded into the scratch directory when remote.</summary>
    /// <exception cref="BatchInputException">The input cannot be read or downloaded.</exception>
    public async Task<string> FetchInputAsync(BatchLocation input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (input.Kind)
        {
            case BatchLocationKind.File:
                return input.LocalPath!;
            case BatchLocationKind.Http:
                var local = ScratchFile("input");
                try
                {
                    using var response = await http.GetAsync(input.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new BatchInputException($"GET {input} answered {(int)response.StatusCode} {response.ReasonPhrase}");
                    }
                    var file = File.Create(local);
                    await using (file.ConfigureAwait(false))
                    {
                        await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (HttpRequestException e)
                {
                    throw new BatchInputException($"GET {input} failed: {e.Message}", e);
                }
                return local;
            default:
                var target = ScratchFile("input");
                try
                {
                    using var client = s3();
                    await new S3ObjectDownloader(client).DownloadAsync(input.Text, target, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (ModelSourceException e)
                {
                    throw new BatchInputException($"reading {input} failed: {e.Message}", e);
                }
                return target;
        }
    }

    /// <summary>Where the run writes its output before <see cref="PublishOutputAsync"/>.</summary>
    public string OutputStagingPath(BatchLocation output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Kind switch
        {
            BatchLocationKind.File => StagingBeside(output.LocalPath!),
            BatchLocationKind.S3 => ScratchFile("output"),
            _ => throw new BatchInputException($"{output}: an output is a path, file:// or s3://, not http(s)://"),
        };
    }

    /// <exception cref="BatchInputException">The upload failed.</exception>
    public async Task PublishOutputAsync(string staged, BatchLocation output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Kind == BatchLocationKind.File)
        {
            File.Move(staged, output.LocalPath!, overwrite: true);
            return;
        }
        try
        {
            using var client = s3();
            // Whole-body signing: S3-compatible servers (s3rver, older MinIO and Ceph) store an aws-chunked upload with
            // its chunk signatures inside the object.
            await client.PutObjectAsync(new PutObjectRequest { BucketName = output.S3!.Bucket, Key = output.S3.Key, FilePath = staged, UseChunkEncoding = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            throw new BatchInputException($"uploading the output to {output} failed: {e.Message}", e);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    private static string StagingBeside(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            throw new BatchInputException($"output directory {directory} does not exist");
        }
        return Path.Combine(directory, $".{Path.GetFileName(path)}.partial-{Guid.NewGuid():N}");
    }

    private string ScratchFile(string name)
    {
        Directory.CreateDirectory(scratchDirectory);
        return Path.Combine(scratchDirectory, $"{name}-{Guid.NewGuid():N}");
    }
}
