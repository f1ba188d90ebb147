namespace Modelship.ClusterTests.Support;

/// <summary>
/// A fresh namespace for one test, with the example iris models (examples/iris/models, `make examples`) as a
/// read-only PersistentVolumeClaim <c>models</c>: a hostPath PersistentVolume on a folder of the cluster's state
/// directory, so runtimes fetch <c>pvc://models/iris-v1.onnx</c> without any traffic leaving the machine.
/// Deleting it deletes the namespace (and everything in it) and the volume.
/// </summary>
public sealed class TestNamespace : IAsyncDisposable
{
    public const string ModelsClaim = "models";

    private TestNamespace(Kubectl kubectl, string name)
    {
        Kubectl = kubectl;
        Name = name;
    }

    public Kubectl Kubectl { get; }

    public string Name { get; }

    private string VolumeName => $"{Name}-models";

    public static async Task<TestNamespace> CreateAsync(string prefix)
    {
        var kubectl = ClusterEnvironment.Kubectl;
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        var models = ModelsDirectory();
        await kubectl.RunAsync("create", "namespace", name);
        var ns = new TestNamespace(kubectl, name);
        await kubectl.ApplyAsync("""
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "@VOLUME@"},
               "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadOnlyMany"], "persistentVolumeReclaimPolicy": "Retain",
                        "storageClassName": "", "hostPath": {"path": "@MODELS@", "type": "Directory"},
                        "claimRef": {"namespace": "@NS@", "name": "@CLAIM@"}}},
              {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "@CLAIM@", "namespace": "@NS@"},
               "spec": {"accessModes": ["ReadOnlyMany"], "storageClassName": "", "volumeName": "@VOLUME@",
                        "resources": {"requests": {"storage": "1Gi"}}}}
            ]}
            """.Replace("@VOLUME@", ns.VolumeName, StringComparison.Ordinal).Replace("@MODELS@", models, StringComparison.Ordinal).Replace("@NS@", ns.Name, StringComparison.Ordinal).Replace("@CLAIM@", ModelsClaim, StringComparison.Ordinal));
        return ns;
    }

    public async ValueTask DisposeAsync()
    {
        await Kubectl.TryRunAsync("delete", "namespace", Name, "--wait=true", "--timeout=120s");
        await Kubectl.TryRunAsync("delete", "persistentvolume", VolumeName, "--ignore-not-found");
    }

    /// <summary>The iris models copied to the cluster's state directory, readable by the model servers' user.</summary>
    private static string ModelsDirectory()
    {
        var source = Path.Combine(ClusterEnvironment.RepositoryRoot(), "examples", "iris", "models");
        var target = Path.Combine(ClusterEnvironment.State, "models");
        Directory.CreateDirectory(target);
        File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        foreach (var model in new[] { "iris-v1.onnx", "iris-v2.onnx", "iris-v3.onnx" })
        {
            var from = Path.Combine(source, model);
            File.Exists(from).Should().BeTrue($"{from} exists (make examples generates it)");
            var to = Path.Combine(target, model);
            File.Copy(from, to, overwrite: true);
            File.SetUnixFileMode(to, (UnixFileMode)0b110_100_100);
        }
        return target;
    }
}
