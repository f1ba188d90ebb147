using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Modelship.TestCluster;

/// <summary>
/// A real etcd and kube-apiserver v1.20.2 on free 127.0.0.1 ports, with static token authentication, RBAC and
/// service-account keys. Start with <see cref="StartAsync"/>; disposing stops both and deletes their files.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>A member of system:masters.</summary>
    public const string AdminUser = "modelship-admin";

    /// <summary>An authenticated user that RBAC grants nothing.</summary>
    public const string UnprivilegedUser = "modelship-nobody";

    private readonly TestClusterOptions _options;
    private readonly string _directory;
    private readonly int _etcdPort = FreePort.Next();
    private readonly int _etcdPeerPort = FreePort.Next();
    private ChildProcess? _etcd;
    private ChildProcess? _apiServer;
    private HttpClient? _http;
    private string _lastReadiness = "";
    private readonly Dictionary<string, string> _serviceAccountTokens;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        _directory = Directory.CreateTempSubdirectory("modelship-it-").FullName;
        ApiServerPort = FreePort.Next();
        AdminToken = NewToken();
        UnprivilegedToken = NewToken();
        _serviceAccountTokens = options.ServiceAccounts.ToDictionary(account => account, _ => NewToken(), StringComparer.Ordinal);
    }

    public int ApiServerPort { get; }

    public Uri Server => new($"https://127.0.0.1:{ApiServerPort}");

    public string AdminToken { get; }

    public string UnprivilegedToken { get; }

    public string EtcdEndpoint => $"http://127.0.0.1:{_etcdPort}";

    /// <summary>The self-signed serving certificate of kube-apiserver (PEM), to trust as CA.</summary>
    public string CertificateAuthorityPem { get; private set; } = "";

    /// <summary>A kubeconfig file for the admin user, trusting the server's certificate.</summary>
    public string KubeconfigPath => Path.Combine(_directory, "kubeconfig");

    public int? ApiServerProcessId => _apiServer?.Id;

    public static async Task<TestCluster> StartAsync(TestClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        try
        {
            cluster.WriteAuthFiles();
            await cluster.StartEtcdAsync(cancellationToken).ConfigureAwait(false);
            await cluster.StartApiServerAsync(cancellationToken).ConfigureAwait(false);
            cluster.CertificateAuthorityPem = await File.ReadAllTextAsync(
                Path.Combine(cluster._directory, "certs", "apiserver.crt"), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(cluster.KubeconfigPath, cluster.Kubeconfig(AdminUser, cluster.AdminToken), cancellationToken)
                .ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes a kubeconfig that signs in as the ServiceAccount (one of <see cref="TestClusterOptions.ServiceAccounts"/>)
    /// and returns its path.
    /// </summary>
    public async Task<string> ServiceAccountKubeconfigAsync(string ns, string name, CancellationToken cancellationToken = default)
    {
        var token = _serviceAccountTokens.TryGetValue($"{ns}/{name}", out var t)
            ? t
            : throw new InvalidOperationException($"ServiceAccount {ns}/{name} is not in TestClusterOptions.ServiceAccounts");
        var path = Path.Combine(_directory, $"kubeconfig-sa-{ns}-{name}");
        await File.WriteAllTextAsync(path, Kubeconfig($"system:serviceaccount:{ns}:{name}", token), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>A kubeconfig document for the given user and token.</summary>
    public string Kubeconfig(string user, string token) =>
        $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: {Server}
            certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(CertificateAuthorityPem))}
        users:
        - name: {user}
          user:
            token: {token}
        contexts:
        - name: test
          context:
            cluster: test
            user: {user}
        current-context: test

        """;

    /// <summary>Kills kube-apiserver at once (SIGKILL); etcd keeps running.</summary>
    public async Task KillApiServerAsync()
    {
        if (_apiServer is not null)
        {
            await _apiServer.DisposeAsync().ConfigureAwait(false);
            _apiServer = null;
        }
    }

    /// <summary>Starts kube-apiserver again on the same port and etcd, and waits until it is ready.</summary>
    public Task StartApiServerAsync(CancellationToken cancellationToken = default)
    {
        if (_apiServer is not null)
        {
            throw new InvalidOperationException("kube-apiserver is already running");
        }

        _apiServer = ChildProcess.Start(ToolPaths.KubeApiServer, ApiServerArguments(), _directory);
        return WaitUntilAsync("kube-apiserver", _apiServer, ApiServerReadyAsync, cancellationToken);
    }

    /// <summary>Compacts etcd's history up to its current revision, so older resourceVersions are gone.</summary>
    public async Task<long> CompactEtcdAsync(CancellationToken cancellationToken = default)
    {
        var status = await EtcdctlAsync(cancellationToken, "endpoint", "status", "-w", "json").ConfigureAwait(false);
        using var document = JsonDocument.Parse(status);
        var revision = document.RootElement[0].GetProperty("Status").GetProperty("header").GetProperty("revision").GetInt64();
        await EtcdctlAsync(cancellationToken, "compact", revision.ToString(System.Globalization.CultureInfo.InvariantCulture), "--physical")
            .ConfigureAwait(false);
        return revision;
    }

    /// <summary>Creates a namespace with a unique name (one per test) with a plain admin request.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "test", CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        var json = JsonSerializer.Serialize(new { apiVersion = "v1", kind = "Namespace", metadata = new { name } });
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await AdminHttp.PostAsync(new Uri(Server, "/api/v1/namespaces"), body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"creating namespace {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        }

        return name;
    }

    /// <summary>An HttpClient authenticated as the admin, for test setup that must not depend on the client under test.</summary>
    public HttpClient AdminHttp => _http ??= CreateAdminHttp();

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_apiServer is not null)
        {
            await _apiServer.DisposeAsync().ConfigureAwait(false);
        }

        if (_etcd is not null)
        {
            await _etcd.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process; the temp directory is cleaned by the OS later.
        }
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private void WriteAuthFiles()
    {
        var serviceAccounts = string.Concat(_serviceAccountTokens.Select((account, i) =>
        {
            var (ns, name) = (account.Key.Split('/')[0], account.Key.Split('/')[1]);
            return $"{account.Value},system:serviceaccount:{ns}:{name},{2000 + i},\"system:serviceaccounts,system:serviceaccounts:{ns}\"\n";
        }));
        File.WriteAllText(Path.Combine(_directory, "tokens.csv"),
            $"{AdminToken},{AdminUser},1000,\"system:masters\"\n{UnprivilegedToken},{UnprivilegedUser},1001\n{serviceAccounts}");
        using var rsa = RSA.Create(2048);
        File.WriteAllText(Path.Combine(_directory, "sa.key"), rsa.ExportRSAPrivateKeyPem());
        File.WriteAllText(Path.Combine(_directory, "sa.pub"), rsa.ExportSubjectPublicKeyInfoPem());
        Directory.CreateDirectory(Path.Combine(_directory, "certs"));
    }

    private Task StartEtcdAsync(CancellationToken cancellationToken)
    {
        var peer = $"http://127.0.0.1:{_etcdPeerPort}";
        _etcd = ChildProcess.Start(ToolPaths.Etcd,
        [
            "--name=test",
            $"--data-dir={Path.Combine(_directory, "etcd")}",
            $"--listen-client-urls={EtcdEndpoint}",
            $"--advertise-client-urls={EtcdEndpoint}",
            $"--listen-peer-urls={peer}",
            $"--initial-advertise-peer-urls={peer}",
            $"--initial-cluster=test={peer}",
            "--log-level=warn",
        ], _directory);
        return WaitUntilAsync("etcd", _etcd, EtcdReadyAsync, cancellationToken);
    }

    private List<string> ApiServerArguments() =>
    [
        $"--etcd-servers={EtcdEndpoint}",
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        $"--secure-port={ApiServerPort}",
        "--insecure-port=0",
        $"--cert-dir={Path.Combine(_directory, "certs")}",
        $"--token-auth-file={Path.Combine(_directory, "tokens.csv")}",
        "--authorization-mode=RBAC",
        $"--service-account-key-file={Path.Combine(_directory, "sa.pub")}",
        $"--service-account-signing-key-file={Path.Combine(_directory, "sa.key")}",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        "--service-cluster-ip-range=10.96.0.0/16",
        // No controller-manager runs, so no "default" ServiceAccount appears; pods are created by tests.
        "--disable-admission-plugins=ServiceAccount",
        $"--watch-cache={(_options.WatchCache ? "true" : "false")}",
        "--v=0",
    ];

    private async Task WaitUntilAsync(string what, ChildProcess process, Func<CancellationToken, Task<bool>> ready, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < _options.StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited during start:\n{process.RecentOutput}");
            }

            if (await ready(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{what} was not ready within {_options.StartTimeout} (last check: {_lastReadiness}):\n{process.RecentOutput}");
    }

    private async Task<bool> EtcdReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            var health = await http.GetStringAsync(new Uri($"{EtcdEndpoint}/health"), cancellationToken).ConfigureAwait(false);
            return health.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task<bool> ApiServerReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await AdminHttp.GetAsync(new Uri(Server, "/readyz?verbose"), cancellationToken).ConfigureAwait(false);
            _lastReadiness = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException e)
        {
            _lastReadiness = e.Message;
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _lastReadiness = "the readiness request timed out";
            return false;
        }
    }

    private HttpClient CreateAdminHttp()
    {
        // Setup traffic only: the client under test is the one that verifies the certificate.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

    /// <summary>Runs etcdctl (API v3) against this cluster's etcd, e.g. to change storage behind kube-apiserver's back.</summary>
    public async Task<string> EtcdctlAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ToolPaths.Etcdctl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ETCDCTL_API"] = "3";
        startInfo.ArgumentList.Add($"--endpoints={EtcdEndpoint}");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start etcdctl");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl {string.Join(' ', arguments)} failed: {await error.ConfigureAwait(false)}");
        }

        return await output.ConfigureAwait(false);
    }
}
