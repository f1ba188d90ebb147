using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Tests.LocalRun.Refresh;

/// <summary>Manifests of a ModelDeployment "iris" and a RefreshSchedule of it, written into a test's directory.</summary>
internal static class RefreshManifests
{
    public const string Deployment = """
        apiVersion: modelship.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: iris}
        spec:
          model: {uri: "file://./versions/iris-v1.onnx", version: v1}
        """;

    /// <summary>A RefreshSchedule of "iris" over ./versions with <paramref name="specLines"/> added to its spec (indented by 2).</summary>
    public static string Schedule(string schedule = "0 * * * *", string target = "iris", string directory = "./versions", string specLines = "") => $"""
        apiVersion: modelship.dev/v1alpha1
        kind: RefreshSchedule
        metadata: {"{"}name: iris-newest{"}"}
        spec:
          schedule: "{schedule}"
          target: {"{"}modelDeployment: {target}{"}"}
          source:
            directory: {"{"}path: "{directory}"{"}"}
        {specLines}
        """;

    public static string Write(string directory, string name, params string[] documents)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Join("\n---\n", documents));
        return path;
    }

    public static RunManifest Read(string directory, params string[] documents) =>
        ManifestReader.ReadRun([Write(directory, "run.yaml", documents)]);
}
