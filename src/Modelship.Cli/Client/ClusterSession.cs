using k8s;
using Modelship.Api.Serialization;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;

namespace Modelship.Cli.Client;

/// <summary>
/// A Kubernetes client for one command: the kubeconfig the user chose, the modelship.dev kinds known, writes recorded
/// under the field manager <c>modelship-cli</c>, and few quick retries (a person is waiting).
/// </summary>
public sealed class ClusterSession : IDisposable
{
    public const string FieldManager = "modelship-cli";

    private ClusterSession(KubernetesClient client, string ns)
    {
        Client = client;
        Namespace = ns;
    }

    public KubernetesClient Client { get; }

    public string Namespace { get; }

    public string Server => Client.Configuration.Host;

    /// <exception cref="ClientCommandException">No usable kubeconfig (exit code <see cref="CliExitCodes.Unreachable"/>).</exception>
    public static ClusterSession Open(ClusterSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = selection.Kubeconfig is { Length: > 0 } path
                ? KubeconfigLoader.LoadFile(path, selection.Context)
                : KubernetesConfigLoader.LoadDefault(selection.Context);
        }
        catch (KubernetesConfigException e)
        {
            throw new ClientCommandException(CliExitCodes.Unreachable, e.Message, e);
        }
        var client = new KubernetesClient(configuration, new KubernetesClientOptions
        {
            SerializerOptions = ModelshipApiJsonContext.KubernetesClientOptions,
            FieldManager = FieldManager,
            UserAgent = "modelship-cli",
            RequestTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new KubernetesRetryPolicy { MaxAttempts = 3, MaxBackoff = TimeSpan.FromSeconds(1) },
        });
        var ns = selection.Namespace is { Length: > 0 } given ? given
            : configuration.Namespace is { Length: > 0 } fromContext ? fromContext
            : ClusterOptions.DefaultNamespace;
        return new ClusterSession(client, ns);
    }

    public void Dispose() => Client.Dispose();
}
