using System.Text;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Tests.Fakes;

namespace Modelship.Kubernetes.Tests.Config;

public sealed class KubeconfigLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Kubeconfig(string clusterBody, string userBody, string currentContext = "main", string extraContexts = "") => $"""
        apiVersion: v1
        kind: Config
        current-context: {currentContext}
        preferences: {"{}"}
        clusters:
        - name: c1
          cluster:
        {clusterBody}
        users:
        - name: u1
          user:
        {userBody}
        contexts:
        - name: main
          context:
            cluster: c1
            user: u1
            namespace: team-a
        {extraContexts}
        """;

    [Fact]
    public async Task Token_user_gives_a_static_bearer_token_and_the_context_namespace()
    {
        var yaml = Kubeconfig("    server: https://10.0.0.1:6443", "    token: abc123");

        var config = KubeconfigLoader.Parse(yaml);

        config.Server.Should().Be(new Uri("https://10.0.0.1:6443"));
        config.Namespace.Should().Be("team-a");
        config.SkipTlsVerify.Should().BeFalse();
        config.ClientCertificate.Should().BeNull();
        (await config.TokenProvider!.GetTokenAsync(CancellationToken.None)).Should().Be("abc123");
    }

    [Fact]
    public async Task Token_file_is_resolved_relative_to_the_kubeconfig_and_read()
    {
        _dir.Write("secrets/token", "from-file\n");
        var path = _dir.Write("kubeconfig", Kubeconfig("    server: https://h:6443", "    tokenFile: secrets/token"));

        var config = KubeconfigLoader.LoadFile(path);

        config.TokenProvider.Should().BeOfType<FileTokenProvider>();
        (await config.TokenProvider!.GetTokenAsync(CancellationToken.None)).Should().Be("from-file");
    }

    [Fact]
    public void Client_certificate_and_key_data_become_a_certificate_with_private_key()
    {
        var (certificatePem, keyPem) = TestCertificates.CreateSelfSigned("kube-admin");
        var yaml = Kubeconfig(
            "    server: https://h:6443",
            $"    client-certificate-data: {B64(certificatePem)}\n    client-key-data: {B64(keyPem)}");

        var config = KubeconfigLoader.Parse(yaml);

        config.ClientCertificate.Should().NotBeNull();
        config.ClientCertificate!.HasPrivateKey.Should().BeTrue();
        config.ClientCertificate.Subject.Should().Be("CN=kube-admin");
        config.TokenProvider.Should().BeNull();
    }

    [Fact]
    public void Client_certificate_files_are_loaded()
    {
        var (certificatePem, keyPem) = TestCertificates.CreateSelfSigned("file-user");
        _dir.Write("client.crt", certificatePem);
        _dir.Write("client.key", keyPem);
        var path = _dir.Write("kubeconfig", Kubeconfig("    server: https://h:6443", "    client-certificate: client.crt\n    client-key: client.key"));

        var config = KubeconfigLoader.LoadFile(path);

        config.ClientCertificate!.Subject.Should().Be("CN=file-user");
    }

    [Fact]
    public void Client_certificate_without_key_is_an_error()
    {
        var (certificatePem, _) = TestCertificates.CreateSelfSigned("x");
        var yaml = Kubeconfig("    server: https://h:6443", $"    client-certificate-data: {B64(certificatePem)}");

        var act = () => KubeconfigLoader.Parse(yaml);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*client key*");
    }

    [Fact]
    public void Certificate_authority_file_is_loaded_as_trust_roots()
    {
        var (caPem, _) = TestCertificates.CreateSelfSigned("my-ca");
        _dir.Write("ca.crt", caPem);
        var path = _dir.Write("kubeconfig", Kubeconfig($"    server: https://h:6443\n    certificate-authority: {_dir.Path}/ca.crt", "    token: t"));

        var config = KubeconfigLoader.LoadFile(path);

        config.CertificateAuthorities.Should().ContainSingle().Which.Subject.Should().Be("CN=my-ca");
    }

    [Fact]
    public void Certificate_authority_data_is_loaded()
    {
        var (caPem, _) = TestCertificates.CreateSelfSigned("inline-ca");
        var yaml = Kubeconfig($"    server: https://h:6443\n    certificate-authority-data: {B64(caPem)}", "    token: t");

        KubeconfigLoader.Parse(yaml).CertificateAuthorities.Should().ContainSingle().Which.Subject.Should().Be("CN=inline-ca");
    }

    [Fact]
    public void Insecure_skip_tls_verify_and_tls_server_name_are_read()
    {
        var yaml = Kubeconfig("    server: https://h:6443\n    insecure-skip-tls-verify: true\n    tls-server-name: api.internal", "    token: t");

        var config = KubeconfigLoader.Parse(yaml);

        config.SkipTlsVerify.Should().BeTrue();
        config.TlsServerName.Should().Be("api.internal");
    }

    [Fact]
    public async Task An_explicit_context_wins_over_current_context()
    {
        var yaml = $"""
            current-context: a
            clusters:
            - name: ca
              cluster: {"{"}server: "https://a:6443"{"}"}
            - name: cb
              cluster: {"{"}server: "https://b:6443"{"}"}
            users:
            - name: ua
              user: {"{"}token: token-a{"}"}
            - name: ub
              user: {"{"}token: token-b{"}"}
            contexts:
            - name: a
              context: {"{"}cluster: ca, user: ua{"}"}
            - name: b
              context: {"{"}cluster: cb, user: ub, namespace: nb{"}"}
            """;

        var current = KubeconfigLoader.Parse(yaml);
        var explicitB = KubeconfigLoader.Parse(yaml, context: "b");

        current.Server.Host.Should().Be("a");
        current.Namespace.Should().BeNull();
        explicitB.Server.Host.Should().Be("b");
        explicitB.Namespace.Should().Be("nb");
        (await explicitB.TokenProvider!.GetTokenAsync(CancellationToken.None)).Should().Be("token-b");
    }

    [Fact]
    public void Unknown_context_is_a_clear_error()
    {
        var yaml = Kubeconfig("    server: https://h:6443", "    token: t");

        var act = () => KubeconfigLoader.Parse(yaml, context: "missing");

        act.Should().Throw<KubernetesConfigException>().WithMessage("*no context named 'missing'*");
    }

    [Fact]
    public void Context_pointing_at_an_undefined_cluster_is_a_clear_error()
    {
        var yaml = """
            current-context: x
            contexts:
            - name: x
              context: {cluster: nowhere, user: u}
            """;

        var act = () => KubeconfigLoader.Parse(yaml);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*cluster 'nowhere'*");
    }

    [Fact]
    public void Exec_credential_plugins_are_refused_rather_than_ignored()
    {
        var yaml = Kubeconfig("    server: https://h:6443", "    exec:\n      command: aws\n      apiVersion: client.authentication.k8s.io/v1beta1");

        var act = () => KubeconfigLoader.Parse(yaml);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*exec*");
    }

    [Fact]
    public void Malformed_yaml_is_a_config_error()
    {
        var act = () => KubeconfigLoader.Parse("clusters: [unclosed");

        act.Should().Throw<KubernetesConfigException>();
    }
}
