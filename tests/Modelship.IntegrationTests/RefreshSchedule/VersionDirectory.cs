using System.Globalization;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>A temporary directory source: one folder per version with a real ONNX model and its metadata.json.</summary>
public sealed class VersionDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("modelship-refresh-").FullName;

    /// <summary>Adds version <paramref name="version"/> with its accuracy in metadata.json; returns its folder.</summary>
    public string Add(string version, double accuracy)
    {
        var folder = System.IO.Path.Combine(Path, version);
        Directory.CreateDirectory(folder);
        File.Copy(System.IO.Path.Combine(OnnxTestData, "model.onnx"), System.IO.Path.Combine(folder, "model.onnx"));
        File.WriteAllText(System.IO.Path.Combine(folder, "metadata.json"), string.Create(CultureInfo.InvariantCulture,
            $$"""{ "version": "{{version}}", "metrics": { "accuracy": {{accuracy}} } }"""));
        return folder;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    private static string OnnxTestData
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("MODELSHIP_ONNX_TESTDATA") ?? "/usr/share/libonnx-testdata/data";
            var relu = System.IO.Path.Combine(root, "node", "test_relu");
            return Directory.Exists(relu)
                ? relu
                : throw new InvalidOperationException($"{relu} not found: install libonnx-testdata or set MODELSHIP_ONNX_TESTDATA");
        }
    }
}
