using System.Diagnostics;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>
/// What the runtime tests need from the machine. Each accessor fails with the way to install what is missing:
/// the tests must not silently skip.
/// </summary>
internal static class TestPrerequisites
{
    private static readonly Lazy<string> PythonWithOnnx = new(FindPythonWithOnnx);

    /// <summary>The ONNX backend node tests from Debian libonnx-testdata (override: MODELSHIP_ONNX_TESTDATA).</summary>
    public static string OnnxNodeTests
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("MODELSHIP_ONNX_TESTDATA") ?? "/usr/share/libonnx-testdata/data";
            var node = Path.Combine(root, "node");
            if (!Directory.Exists(node))
                throw new InvalidOperationException(
                    $"ONNX backend test data not found at {node}: install it with `apt-get install -y libonnx-testdata` " +
                    "or set MODELSHIP_ONNX_TESTDATA to its data directory");
            return node;
        }
    }

    /// <summary>Loads ONNX Runtime (the build copies it next to the tests); its exception says where it looked.</summary>
    public static OnnxRuntimeEnvironment OnnxRuntime => OnnxRuntimeEnvironment.Shared;

    /// <summary>A python3 that can import onnx and numpy (Debian python3-onnx, python3-numpy; override: MODELSHIP_PYTHON).</summary>
    public static string Python => PythonWithOnnx.Value;

    public static string TestModelSource(string fileName) => Path.Combine(AppContext.BaseDirectory, "Models", fileName);

    private static string FindPythonWithOnnx()
    {
        var configured = Environment.GetEnvironmentVariable("MODELSHIP_PYTHON");
        string[] candidates = configured is null ? ["/usr/bin/python3", "python3"] : [configured];
        foreach (var candidate in candidates)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate, ["-c", "import onnx, numpy"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                });
                process!.WaitForExit(60_000);
                if (process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name: try the next.
            }
        }

        throw new InvalidOperationException(
            $"no python3 with onnx and numpy (tried {string.Join(", ", candidates)}): install them with " +
            "`apt-get install -y python3-onnx python3-numpy` or set MODELSHIP_PYTHON");
    }
}
