namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Finds libonnxruntime.so.1: <c>MODELSHIP_ONNXRUNTIME</c> (the file or its directory) first, then the cache that
/// hack/install-onnxruntime.sh fills (<c>${MODELSHIP_CACHE:-$HOME/.cache/modelship}/onnxruntime-1.30.0/</c>).
/// </summary>
public static class OnnxRuntimeLibraryLocator
{
    public const string LibraryVariable = "MODELSHIP_ONNXRUNTIME";
    public const string CacheVariable = "MODELSHIP_CACHE";
    public const string LibraryFileName = "libonnxruntime.so.1";
    public const string InstalledVersion = "1.30.0";

    private const string InstallHint =
        "Install it with hack/install-onnxruntime.sh (needs npm; takes it from onnxruntime-node@" + InstalledVersion +
        ") or set " + LibraryVariable + " to the library or the directory holding it.";

    public static string Locate() => Locate(Environment.GetEnvironmentVariable);

    public static string Locate(Func<string, string?> environment)
    {
        var configured = environment(LibraryVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var candidate = Directory.Exists(configured) ? Path.Combine(configured, LibraryFileName) : configured;
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
            throw new OnnxRuntimeNotFoundException(
                $"{LibraryVariable}={configured} does not name {LibraryFileName} or a directory holding it. {InstallHint}");
        }

        var cache = environment(CacheVariable);
        if (string.IsNullOrEmpty(cache))
        {
            var home = environment("HOME");
            if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            cache = Path.Combine(home, ".cache", "modelship");
        }

        var cached = Path.Combine(cache, $"onnxruntime-{InstalledVersion}", LibraryFileName);
        if (File.Exists(cached)) return cached;
        throw new OnnxRuntimeNotFoundException(
            $"{LibraryFileName} not found: {LibraryVariable} is not set and {cached} does not exist. {InstallHint}");
    }
}
