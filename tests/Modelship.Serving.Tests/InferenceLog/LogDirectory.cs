namespace Modelship.Serving.Tests.InferenceLog;

/// <summary>A fresh temporary directory for one test's log files, deleted afterwards.</summary>
internal sealed class LogDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelship-log-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
