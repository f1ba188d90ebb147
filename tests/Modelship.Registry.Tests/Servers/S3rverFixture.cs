using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Modelship.Registry.S3;

namespace Modelship.Registry.Tests.Servers;

/// <summary>
/// A real S3-compatible server for the S3 tests: npm's s3rver 3.7.1 (installed by hack/install-test-deps.sh, found
/// through $MODELSHIP_S3RVER or the cache folder), started on 127.0.0.1 on a free port with a temporary data directory.
/// Missing s3rver fails the tests: they are never skipped.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    /// <summary>s3rver's one built-in account.</summary>
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "modelship-s3rver-" + Guid.NewGuid().ToString("N"));
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private int _buckets;

    public Uri EndpointUrl { get; private set; } = null!;

    public S3ConnectionOptions Connection => new(AccessKeyId, SecretAccessKey, EndpointUrl: EndpointUrl, ForcePathStyle: true);

    public IAmazonS3 Client { get; private set; } = null!;

    public static string S3rverPath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MODELSHIP_S3RVER");
        var cache = Environment.GetEnvironmentVariable("MODELSHIP_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelship");
        var path = string.IsNullOrEmpty(fromEnvironment) ? Path.Combine(cache, "npm", "node_modules", ".bin", "s3rver") : fromEnvironment;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"s3rver not found at {path} ($MODELSHIP_S3RVER or the cache folder); run `make deps` (hack/install-test-deps.sh) or `make test`, which install it.");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var start = new ProcessStartInfo(S3rverPath())
        {
            ArgumentList = { "--directory", _dataDirectory, "--address", "127.0.0.1", "--port", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
            Environment = { ["NODE_OPTIONS"] = "--openssl-legacy-provider" },
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null && ListeningLine().Match(line.Data) is { Success: true } match)
                _port.TrySetResult(int.Parse(match.Groups[1].Value));
        };
        _process.ErrorDataReceived += (_, _) => { }; // drained, so s3rver never blocks on a full pipe
        _process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException($"s3rver exited with {_process.ExitCode} before listening"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var port = await _port.Task.WaitAsync(TimeSpan.FromSeconds(30));
        EndpointUrl = new Uri($"http://127.0.0.1:{port}");
        Client = S3ClientFactory.Create(Connection);
    }

    /// <summary>A new, empty bucket for one test.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var bucket = $"test-{Interlocked.Increment(ref _buckets)}-{Guid.NewGuid():N}"[..30];
        await Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return bucket;
    }

    public async Task PutAsync(string bucket, string key, string content)
    {
        // Whole-body signing: s3rver does not read aws-chunked (streaming-signature) uploads.
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = content, UseChunkEncoding = false });
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [GeneratedRegex(@"listening on [^:\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
