using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Tests.Fakes;

namespace Modelship.Kubernetes.Tests.Config;

public sealed class InClusterConfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Func<string, string?> Env(string host, string port) =>
        name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => host,
            "KUBERNETES_SERVICE_PORT" => port,
            _ => null,
        };

    [Fact]
    public async Task Reads_server_token_ca_and_namespace_from_the_service_account_files()
    {
        var (caPem, _) = TestCertificates.CreateSelfSigned("cluster-ca");
        _dir.Write("token", "token-1\n");
        _dir.Write("ca.crt", caPem);
        _dir.Write("namespace", "modelship-system\n");

        var config = InClusterConfigLoader.Load(Env("10.96.0.1", "443"), InClusterPaths.InDirectory(_dir.Path));

        config.Host.Should().Be("https://10.96.0.1/");
        config.Namespace.Should().Be("modelship-system");
        config.SslCaCerts.Should().ContainSingle().Which.Subject.Should().Be("CN=cluster-ca");
        (await config.TokenProvider!.GetAuthenticationHeaderAsync(CancellationToken.None)).Parameter.Should().Be("token-1");
    }

    [Fact]
    public void IPv6_service_host_is_bracketed()
    {
        _dir.Write("token", "t");

        var config = InClusterConfigLoader.Load(Env("fd00::1", "443"), InClusterPaths.InDirectory(_dir.Path));

        new Uri(config.Host).Host.Should().Be("[fd00::1]");
    }

    [Fact]
    public async Task A_rotated_token_is_picked_up_after_the_refresh_interval()
    {
        var clock = new ManualTimeProvider();
        var tokenPath = _dir.Write("token", "token-1");
        var config = InClusterConfigLoader.Load(
            Env("10.96.0.1", "443"), InClusterPaths.InDirectory(_dir.Path), TimeSpan.FromMinutes(1), clock);
        var provider = config.TokenProvider.Should().BeOfType<FileTokenProvider>().Subject;

        (await provider.GetTokenAsync(CancellationToken.None)).Should().Be("token-1");

        File.WriteAllText(tokenPath, "token-2");
        clock.Advance(TimeSpan.FromSeconds(30));
        (await provider.GetTokenAsync(CancellationToken.None)).Should().Be("token-1", "the file is re-read only once a minute");

        clock.Advance(TimeSpan.FromSeconds(31));
        (await provider.GetTokenAsync(CancellationToken.None)).Should().Be("token-2");
    }

    [Fact]
    public async Task The_last_token_is_kept_when_the_file_briefly_disappears()
    {
        var clock = new ManualTimeProvider();
        var tokenPath = _dir.Write("token", "token-1");
        var provider = new FileTokenProvider(tokenPath, TimeSpan.FromSeconds(1), clock);
        await provider.GetTokenAsync(CancellationToken.None);

        File.Delete(tokenPath);
        clock.Advance(TimeSpan.FromSeconds(2));

        (await provider.GetTokenAsync(CancellationToken.None)).Should().Be("token-1");
    }

    [Fact]
    public void Missing_token_file_is_a_clear_error()
    {
        var act = () => InClusterConfigLoader.Load(Env("10.96.0.1", "443"), InClusterPaths.InDirectory(_dir.Path));

        act.Should().Throw<KubernetesConfigException>().WithMessage("*token*does not exist*");
    }

    [Fact]
    public void Without_the_service_environment_it_is_not_in_cluster()
    {
        InClusterConfigLoader.IsInCluster(_ => null).Should().BeFalse();
        var act = () => InClusterConfigLoader.Load(_ => null, InClusterPaths.InDirectory(_dir.Path));
        act.Should().Throw<KubernetesConfigException>().WithMessage("*KUBERNETES_SERVICE_HOST*");
    }
}
