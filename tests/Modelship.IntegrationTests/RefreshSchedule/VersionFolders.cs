using System.Globalization;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>Versions of a directory source: folders with a real ONNX model (Debian's libonnx-testdata) and a metadata.json.</summary>
internal static class VersionFolders
{
    /// <summary>Adds <paramref name="version"/> under <paramref name="models"/>; returns its folder.</summary>
    public static string Add(string models, string version, double accuracy)
    {
        var folder = Path.Combine(models, version);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(OnnxTestData, "model.onnx"), Path.Combine(folder, "model.onnx"));
        File.WriteAllText(Path.Combine(folder, "metadata.json"), string.Create(CultureInfo.InvariantCulture,
            $$"""{ "version": "{{version}}", "metrics": { "accuracy": {{accuracy}} } }"""));
        return folder;
    }

    private static string OnnxTestData
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("MODELSHIP_ONNX_TESTDATA") ?? "/usr/share/libonnx-testdata/data";
            var relu = Path.Combine(root, "node", "test_relu");
            return Directory.Exists(relu)
                ? relu
                : throw new InvalidOperationException($"{relu} not found: install libonnx-testdata or set MODELSHIP_ONNX_TESTDATA");
        }
    }
}
