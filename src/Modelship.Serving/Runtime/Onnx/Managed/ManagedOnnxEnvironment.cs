using System.Runtime.InteropServices;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx.Managed;

/// <summary>
/// The package's <c>OrtEnv</c> for the managed API, loading the same libonnxruntime.so as our binding
/// (<see cref="OnnxRuntimeLibraryLocator"/>, through our DllImport resolver instead of the package's), with telemetry
/// off in the native environment before the env is created.
/// </summary>
internal static class ManagedOnnxEnvironment
{
    private static readonly Lock SharedLock = new();
    private static bool _resolverSet;
    private static Ort.OrtEnv? _shared;

    public static Ort.OrtEnv Shared
    {
        get
        {
            if (Volatile.Read(ref _shared) is { } shared) return shared;
            lock (SharedLock)
            {
                _shared ??= Create();
                return _shared;
            }
        }
    }

    private static Ort.OrtEnv Create()
    {
        OnnxRuntimeEnvironment.SetNativeEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        var library = OnnxRuntimeLibraryLocator.Locate();
        if (!_resolverSet)
        {
            Ort.OrtEnv.DisableDllImportResolver = true;
            NativeLibrary.SetDllImportResolver(
                typeof(Ort.OrtEnv).Assembly,
                (name, _, _) => name == "onnxruntime" ? NativeLibrary.Load(library) : 0);
            _resolverSet = true;
        }

        var options = new Ort.EnvironmentCreationOptions
        {
            logId = "modelship",
            logLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
        };
        return ManagedOnnxErrors.Translate(() => Ort.OrtEnv.CreateInstanceWithOptions(ref options));
    }
}
