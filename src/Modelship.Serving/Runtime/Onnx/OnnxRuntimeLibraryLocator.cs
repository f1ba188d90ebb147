using System.Runtime.InteropServices;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Finds ONNX Runtime's native library: <c>MODELSHIP_ONNXRUNTIME</c> (the file or its directory) first, then the
/// app's own directory (<see cref="AppContext.BaseDirectory"/>: the directory of the Native AOT executable, or of the
/// assemblies), where the build copies <c>libonnxruntime.so</c> from the NuGet package Microsoft.ML.OnnxRuntime, then
/// <c>runtimes/&lt;rid&gt;/native/</c> under it (where NuGet itself puts it for a portable app).
/// </summary>
public static class OnnxRuntimeLibraryLocator
{
    public const string LibraryVariable = "MODELSHIP_ONNXRUNTIME";

    /// <summary>The version of the NuGet package Microsoft.ML.OnnxRuntime (Directory.Packages.props).</summary>
    public const string PackagedVersion = "1.32.0";

    private const string InstallHint =
        "The build copies libonnxruntime.so next to the app from the NuGet package Microsoft.ML.OnnxRuntime " +
        PackagedVersion + "; elsewhere set " + LibraryVariable + " to the library or the directory holding it.";

    /// <summary>The NuGet package's name first, then the soname other distributions use (e.g. npm's onnxruntime-node).</summary>
    public static IReadOnlyList<string> LibraryFileNames { get; } = ["libonnxruntime.so", "libonnxruntime.so.1"];

    public static string Locate() =>
        Locate(Environment.GetEnvironmentVariable, AppContext.BaseDirectory, RuntimeInformation.RuntimeIdentifier);

    public static string Locate(Func<string, string?> environment, string appDirectory, string runtimeIdentifier)
    {
        var configured = environment(LibraryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var found = File.Exists(configured) ? configured : Directory.Exists(configured) ? FindIn(configured) : null;
            if (found is not null) return Path.GetFullPath(found);
            throw new OnnxRuntimeNotFoundException(
                $"{LibraryVariable}={configured} names neither the library nor a directory holding {Names}. {InstallHint}");
        }

        string[] directories = [appDirectory, Path.Combine(appDirectory, "runtimes", runtimeIdentifier, "native")];
        foreach (var directory in directories)
        {
            if (FindIn(directory) is { } library) return Path.GetFullPath(library);
        }

        throw new OnnxRuntimeNotFoundException(
            $"{Names} not found: {LibraryVariable} is not set and neither {string.Join(" nor ", directories)} holds it. {InstallHint}");
    }

    private static string Names => string.Join(" or ", LibraryFileNames);

    private static string? FindIn(string directory) =>
        LibraryFileNames.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
