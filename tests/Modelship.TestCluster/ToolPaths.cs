namespace Modelship.TestCluster;

/// <summary>Finds the etcd, etcdctl and kube-apiserver binaries that `make test` installs (hack/install-test-deps.sh).</summary>
public static class ToolPaths
{
    private const string InstallHint = "run `make deps` (hack/install-test-deps.sh) or `make test`, which install it";

    public static string KubeApiServer => Resolve(
        "MODELSHIP_KUBE_APISERVER",
        Path.Combine(CacheDirectory, "kube-apiserver-v1.20.2", "kube-apiserver"),
        "kube-apiserver v1.20.2");

    public static string Etcd => Resolve("MODELSHIP_ETCD", FindOnPath("etcd"), "etcd (Debian package etcd-server)");

    public static string Etcdctl => Resolve("MODELSHIP_ETCDCTL", FindOnPath("etcdctl"), "etcdctl (Debian package etcd-client)");

    public static string CacheDirectory =>
        Environment.GetEnvironmentVariable("MODELSHIP_CACHE") is { Length: > 0 } cache
            ? cache
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelship");

    private static string Resolve(string variable, string? fallback, string what)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        var path = string.IsNullOrEmpty(fromEnvironment) ? fallback : fromEnvironment;
        if (path is null || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{what} not found (looked at ${variable}{(fallback is null ? "" : $" and {fallback}")}); {InstallHint}.");
        }

        return path;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
