using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Modelship.Registry.S3;
using Modelship.TestCluster;
using Modelship.Testing;

namespace Modelship.Registry.Testing;

/// <summary>
/// A real S3-compatible server for the S3 tests: npm's s3rver 3.7.1 (installed by hack/install-test-deps.sh, found
/// through $MODELSHIP_S3RVER or the cache folder), started on 127.0.0.1 on a free port with a temporary data directory.
/// Missing s3rver fails the tests: they are never skipped. A test project makes it an xunit fixture by deriving
/// <c>S3rverFixture : S3rverProcess, IAsyncLifetime</c> (the methods below implement the interface), so this project
/// needs no xunit.
/// </summary>
public partial class S3rverProcess
{
    /// <summary>s3rver's one built-in account.</summary>
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "modelship-s3rver-" + Guid.NewGuid().ToString("N"));
    private ChildProcess? _process;
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
        // Through env: s3rver makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy
        // provider. ChildProcess kills s3rver when the test host goes away, however it ends.
        _process = ChildProcess.Start("/usr/bin/env",
            ["NODE_OPTIONS=--openssl-legacy-provider", S3rverPath(), "--directory", _dataDirectory, "--address", "127.0.0.1", "--port", "0"],
            _dataDirectory);
        await Eventually.HoldsAsync(() => _process.HasExited || ListeningLine().IsMatch(_process.RecentOutput), TimeSpan.FromSeconds(30),
            "s3rver should print the address it listens on");
        var listening = ListeningLine().Match(_process.RecentOutput);
        if (!listening.Success)
            throw new InvalidOperationException($"s3rver exited before listening: {_process.RecentOutput}");
        EndpointUrl = new Uri($"http://127.0.0.1:{listening.Groups[1].Value}");
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
        // Whole-body signing: s3rver stores an aws-chunked (streaming-signature) upload as it came, chunk signatures included.
        await Client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = content, UseChunkEncoding = false });
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
            await _process.DisposeAsync();
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
