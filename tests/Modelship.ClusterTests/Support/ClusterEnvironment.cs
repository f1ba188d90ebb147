using System.Runtime.CompilerServices;

namespace Modelship.ClusterTests.Support;

/// <summary>
/// The cluster `make e2e` prepared: its kubeconfig and state directory (hack/cluster.sh env), the Modelship image it
/// imported, and the namespace the chart installed the operator into.
/// </summary>
public static class ClusterEnvironment
{
    public const string KubeconfigVariable = "MODELSHIP_CLUSTER_KUBECONFIG";
    public const string StateVariable = "MODELSHIP_CLUSTER_STATE";
    public const string ImageVariable = "MODELSHIP_CLUSTER_IMAGE";
    public const string OperatorNamespace = "modelship-system";
    public const string BusyboxImage = "localhost/modelship-busybox:1.35";

    public static string? Kubeconfig => Environment.GetEnvironmentVariable(KubeconfigVariable) is { Length: > 0 } path && File.Exists(path) ? path : null;

    public static string State => Environment.GetEnvironmentVariable(StateVariable) ?? throw new InvalidOperationException($"{StateVariable} is not set");

    public static string Image => Environment.GetEnvironmentVariable(ImageVariable) ?? throw new InvalidOperationException($"{ImageVariable} is not set");

    /// <summary>Why the tests cannot run, or null when a cluster is there.</summary>
    public static string? Unavailable => Kubeconfig is null
        ? $"no cluster: {KubeconfigVariable} does not name a kubeconfig (make e2e brings a cluster up and runs these tests)"
        : null;

    public static Kubectl Kubectl => new(Kubeconfig ?? throw new InvalidOperationException(Unavailable));

    /// <summary>Found from this source file's path, so builds with any artifacts path work.</summary>
    public static string RepositoryRoot([CallerFilePath] string sourcePath = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourcePath)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Operator.sln not found above " + sourcePath);
    }
}

/// <summary>A test that needs the cluster: skipped, with the reason, when there is none.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (ClusterEnvironment.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
