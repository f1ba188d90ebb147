namespace Modelship.Kubernetes.Config;

/// <summary>No usable configuration: missing file, missing context, unreadable credentials.</summary>
public sealed class KubernetesConfigException : Exception
{
    public KubernetesConfigException(string message)
        : base(message)
    {
    }

    public KubernetesConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
