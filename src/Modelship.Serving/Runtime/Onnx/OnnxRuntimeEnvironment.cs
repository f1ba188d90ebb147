using System.Runtime.InteropServices;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// ONNX Runtime's one <c>OrtEnv</c> per process (ONNX Runtime allows only one), for the managed API of the package
/// Microsoft.ML.OnnxRuntime.Managed, on the libonnxruntime.so that <see cref="OnnxRuntimeLibraryLocator"/> finds, with
/// telemetry off. Lives as long as the process.
/// </summary>
public sealed partial class OnnxRuntimeEnvironment
{
    /// <summary>The name the managed API's DllImports ask for.</summary>
    private const string PackageLibraryName = "onnxruntime";

    private static readonly Lock SharedLock = new();
    private static OnnxRuntimeEnvironment? _shared;
    private static nint _library;
    private static bool _resolverSet;

    private OnnxRuntimeEnvironment(Ort.OrtEnv env, string libraryPath)
    {
        Env = env;
        LibraryPath = libraryPath;
        Version = env.GetVersionString();
    }

    /// <summary>
    /// The process-wide environment; the first use loads the library. Throws when it is missing, and tries again on
    /// the next use (the library may have been installed meanwhile).
    /// </summary>
    public static OnnxRuntimeEnvironment Shared
    {
        get
        {
            if (Volatile.Read(ref _shared) is { } shared) return shared;
            lock (SharedLock)
            {
                _shared ??= Create(OnnxRuntimeLibraryLocator.Locate());
                return _shared;
            }
        }
    }

    public string LibraryPath { get; }

    /// <summary>The library's version string, e.g. "1.32.0".</summary>
    public string Version { get; }

    internal Ort.OrtEnv Env { get; }

    private static OnnxRuntimeEnvironment Create(string libraryPath)
    {
        // Without this, CreateEnv overflows the stack when the process has a long command line; it must be in the
        // native environment (Environment.SetEnvironmentVariable does not reach native getenv).
        SetNativeEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        try
        {
            _library = NativeLibrary.Load(libraryPath);
        }
        catch (DllNotFoundException e)
        {
            throw new OnnxRuntimeNotFoundException($"cannot load {libraryPath}: {e.Message}", e);
        }

        // The package's own resolver looks only where NuGet puts the library (runtimes/<rid>/native/); ours hands
        // the managed API the library loaded above. Both must happen before the first use of any of its types.
        if (!_resolverSet)
        {
            Ort.OrtEnv.DisableDllImportResolver = true;
            NativeLibrary.SetDllImportResolver(
                typeof(Ort.OrtEnv).Assembly, (name, _, _) => name == PackageLibraryName ? _library : 0);
            _resolverSet = true;
        }

        var options = new Ort.EnvironmentCreationOptions
        {
            logId = "modelship",
            logLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        };
        try
        {
            return new OnnxRuntimeEnvironment(Ort.OrtEnv.CreateInstanceWithOptions(ref options), libraryPath);
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw OnnxRuntimeErrors.ToOurs(e);
        }
        catch (TypeInitializationException e) when (e.InnerException is InvalidOperationException)
        {
            // The managed API asks the library for its own C API version; an older library (e.g. through
            // MODELSHIP_ONNXRUNTIME) does not have it.
            throw new OnnxRuntimeNotFoundException(
                $"{libraryPath} cannot serve the ONNX Runtime managed API of Microsoft.ML.OnnxRuntime.Managed " +
                $"{OnnxRuntimeLibraryLocator.PackagedVersion}: {e.InnerException.Message}", e);
        }
    }

    private static void SetNativeEnvironmentVariable(string name, string value)
    {
        if (SetEnv(name, value, overwrite: 1) != 0)
            throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
