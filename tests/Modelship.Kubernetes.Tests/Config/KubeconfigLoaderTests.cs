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
    public void Token_user_gives_a_bearer_token_and_the_context_namespace()
    {
        var yaml = Kubeconfig("    server: https://10.0.0.1:6443", "    token: abc123");

        var config = KubeconfigLoader.Parse(yaml);

        new Uri(config.Host).Should().Be(new Uri("https://10.0.0.1:6443"));
        config.Namespace.Should().Be("team-a");
        config.SkipTlsVerify.Should().BeFalse();
        config.ClientCertificateData.Should().BeNull();
        config.AccessToken.Should().Be("abc123");
    }

    [Fact]
    public void A_token_file_user_is_refused_because_the_package_does_not_read_token_files()
    {
        _dir.Write("secrets/token", "from-file\n");
        var path = _dir.Write("kubeconfig", Kubeconfig("    server: https://h:6443", "    tokenFile: secrets/token"));

        var act = () => KubeconfigLoader.LoadFile(path);

        act.Should().Throw<KubernetesConfigException>().WithMessage($"*{path}*credentials*");
    }

    [Fact]
    public void Client_certificate_and_key_data_are_kept_for_the_connection()
    {
        var (certificatePem, keyPem) = TestCertificates.CreateSelfSigned("kube-admin");
        var yaml = Kubeconfig(
            "    server: https://h:6443",
            $"    client-certificate-data: {B64(certificatePem)}\n    client-key-data: {B64(keyPem)}");

        var config = KubeconfigLoader.Parse(yaml);

        config.ClientCertificateData.Should().Be(B64(certificatePem));
        config.ClientCertificateKeyData.Should().Be(B64(keyPem));
        config.AccessToken.Should().BeNull();
        config.TokenProvider.Should().BeNull();
    }

    [Fact]
    public void Client_certificate_files_are_resolved_relative_to_the_kubeconfig()
    {
        var (certificatePem, keyPem) = TestCertificates.CreateSelfSigned("file-user");
        _dir.Write("client.crt", certificatePem);
        _dir.Write("client.key", keyPem);
        var path = _dir.Write("kubeconfig", Kubeconfig("    server: https://h:6443", "    client-certificate: client.crt\n    client-key: client.key"));

        var config = KubeconfigLoader.LoadFile(path);

        config.ClientCertificateFilePath.Should().Be(Path.Combine(_dir.Path, "client.crt"));
        config.ClientKeyFilePath.Should().Be(Path.Combine(_dir.Path, "client.key"));
    }

    [Fact]
    public void Client_certificate_without_key_is_an_error()
    {
        var (certificatePem, _) = TestCertificates.CreateSelfSigned("x");
        var yaml = Kubeconfig("    server: https://h:6443", $"    client-certificate-data: {B64(certificatePem)}");

        var act = () => KubeconfigLoader.Parse(yaml);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*credentials*");
    }

    [Fact]
    public void Certificate_authority_file_is_loaded_as_trust_roots()
    {
        var (caPem, _) = TestCertificates.CreateSelfSigned("my-ca");
        _dir.Write("ca.crt", caPem);
        var path = _dir.Write("kubeconfig", Kubeconfig($"    server: https://h:6443\n    certificate-authority: {_dir.Path}/ca.crt", "    token: t"));

        var config = KubeconfigLoader.LoadFile(path);

        config.SslCaCerts.Should().ContainSingle().Which.Subject.Should().Be("CN=my-ca");
    }

    [Fact]
    public void Certificate_authority_data_is_loaded()
    {
        var (caPem, _) = TestCertificates.CreateSelfSigned("inline-ca");
        var yaml = Kubeconfig($"    server: https://h:6443\n    certificate-authority-data: {B64(caPem)}", "    token: t");

        KubeconfigLoader.Parse(yaml).SslCaCerts.Should().ContainSingle().Which.Subject.Should().Be("CN=inline-ca");
    }

    [Fact]
    public void Every_certificate_of_a_certificate_authority_bundle_is_trusted()
    {
        var (servingPem, _) = TestCertificates.CreateSelfSigned("serving");
        var (caPem, _) = TestCertificates.CreateSelfSigned("bundle-ca");
        var yaml = Kubeconfig($"    server: https://h:6443\n    certificate-authority-data: {B64(servingPem + "\n" + caPem)}", "    token: t");

        KubeconfigLoader.Parse(yaml).SslCaCerts!.Select(c => c.Subject).Should().Equal("CN=serving", "CN=bundle-ca");
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
    public void An_explicit_context_wins_over_current_context()
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

        new Uri(current.Host).Host.Should().Be("a");
        current.Namespace.Should().BeNull();
        new Uri(explicitB.Host).Host.Should().Be("b");
        explicitB.Namespace.Should().Be("nb");
        explicitB.AccessToken.Should().Be("token-b");
    }

    [Fact]
    public void Unknown_context_is_a_clear_error()
    {
        var yaml = Kubeconfig("    server: https://h:6443", "    token: t");

        var act = () => KubeconfigLoader.Parse(yaml, context: "missing");

        act.Should().Throw<KubernetesConfigException>().WithMessage("*missing*not found*");
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

        act.Should().Throw<KubernetesConfigException>().WithMessage("*not usable*");
    }

    [Fact]
    public void A_failing_exec_credential_plugin_is_a_config_error()
    {
        var yaml = Kubeconfig("    server: https://h:6443", "    exec:\n      command: /nonexistent/credential-plugin\n      apiVersion: client.authentication.k8s.io/v1beta1");

        var act = () => KubeconfigLoader.Parse(yaml);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*exec*");
    }

    [Fact]
    public void Malformed_yaml_is_a_config_error()
    {
        var act = () => KubeconfigLoader.Parse("clusters: [unclosed");

        act.Should().Throw<KubernetesConfigException>();
    }

    [Fact]
    public void A_missing_file_is_a_config_error()
    {
        var act = () => KubeconfigLoader.LoadFile(Path.Combine(_dir.Path, "absent"));

        act.Should().Throw<KubernetesConfigException>().WithMessage("*does not exist*");
    }
}
