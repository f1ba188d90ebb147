using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Tests.Fakes;

namespace Modelship.Kubernetes.Tests.Config;

public sealed class KubernetesConfigLoaderTests : IDisposable
{
    private const string MinimalKubeconfig = """
        current-context: c
        clusters: [{name: k, cluster: {server: "https://from-file:6443"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: c, context: {cluster: k, user: u}}]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Func<string, string?> Env(Dictionary<string, string> values) => name => values.GetValueOrDefault(name);

    [Fact]
    public void Nothing_configured_is_a_clear_error_and_never_localhost()
    {
        var act = () => KubernetesConfigLoader.LoadDefault(getEnvironmentVariable: Env([]), homeDirectory: _dir.Path);

        act.Should().Throw<KubernetesConfigException>()
            .WithMessage("*No Kubernetes configuration found*KUBECONFIG*KUBERNETES_SERVICE_HOST*.kube/config*");
    }

    [Fact]
    public void KUBECONFIG_uses_the_first_existing_file_of_the_list()
    {
        var path = _dir.Write("second", MinimalKubeconfig);
        var env = Env(new() { ["KUBECONFIG"] = $"{_dir.Path}/does-not-exist:{path}" });

        var config = KubernetesConfigLoader.LoadDefault(getEnvironmentVariable: env, homeDirectory: _dir.Path);

        new Uri(config.Host).Host.Should().Be("from-file");
    }

    [Fact]
    public void KUBECONFIG_naming_only_missing_files_is_an_error()
    {
        var env = Env(new() { ["KUBECONFIG"] = "/nonexistent/a:/nonexistent/b" });

        var act = () => KubernetesConfigLoader.LoadDefault(getEnvironmentVariable: env, homeDirectory: _dir.Path);

        act.Should().Throw<KubernetesConfigException>().WithMessage("*KUBECONFIG*none of its files exists*");
    }

    [Fact]
    public void Home_kube_config_is_used_when_nothing_else_is_set()
    {
        _dir.Write(".kube/config", MinimalKubeconfig);

        var config = KubernetesConfigLoader.LoadDefault(getEnvironmentVariable: Env([]), homeDirectory: _dir.Path);

        new Uri(config.Host).Host.Should().Be("from-file");
    }

    [Fact]
    public void In_cluster_environment_wins_over_home_config()
    {
        _dir.Write(".kube/config", MinimalKubeconfig);
        _dir.Write("sa/token", "sa-token");
        var env = Env(new() { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" });

        var config = KubernetesConfigLoader.LoadDefault(
            getEnvironmentVariable: env, homeDirectory: _dir.Path, inClusterPaths: InClusterPaths.InDirectory($"{_dir.Path}/sa"));

        config.Host.Should().Be("https://10.96.0.1/", "port 443 is the https default");
    }
}
