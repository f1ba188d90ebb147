using System.Runtime.InteropServices;
using System.Text;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// The loaded ONNX Runtime library and its one <c>OrtEnv</c> per process (ONNX Runtime allows only one), with the
/// CPU memory info and default allocator every session shares. Lives as long as the process.
/// </summary>
public sealed unsafe class OnnxRuntimeEnvironment
{
    // Every function we call exists since API 17 (ONNX Runtime 1.17); newer libraries serve older API versions.
    private const uint RequestedApiVersion = 17;
    private const int LoggingLevelWarning = 2;
    private const int AllocatorTypeArena = 1;
    private const int MemTypeDefault = 0;

    private static readonly Lock SharedLock = new();
    private static OnnxRuntimeEnvironment? _shared;

    private OnnxRuntimeEnvironment(OrtApi api, string libraryPath, string version)
    {
        Api = api;
        LibraryPath = libraryPath;
        Version = version;
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

    internal OrtApi Api { get; }

    internal nint Env { get; private set; }

    internal nint CpuMemoryInfo { get; private set; }

    internal nint Allocator { get; private set; }

    private static OnnxRuntimeEnvironment Create(string libraryPath)
    {
        // Without this, CreateEnv overflows the stack when the process has a long command line; it must be in the
        // native environment (Environment.SetEnvironmentVariable does not reach native getenv).
        SetNativeEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
        nint library;
        try
        {
            library = NativeLibrary.Load(libraryPath);
        }
        catch (DllNotFoundException e)
        {
            throw new OnnxRuntimeNotFoundException($"cannot load {libraryPath}: {e.Message}", e);
        }

        var getApiBase = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        var apiBase = (nint*)getApiBase();
        var getApi = (delegate* unmanaged<uint, nint>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";
        var table = getApi(RequestedApiVersion);
        if (table == 0)
            throw new OnnxRuntimeNotFoundException(
                $"{libraryPath} (ONNX Runtime {version}) does not provide C API version {RequestedApiVersion}");

        var environment = new OnnxRuntimeEnvironment(new OrtApi(table), libraryPath, version);
        environment.Initialize();
        return environment;
    }

    private void Initialize()
    {
        nint env, memoryInfo, allocator;
        fixed (byte* logId = "modelship"u8)
            Check(Api.CreateEnv(LoggingLevelWarning, logId, &env));
        Env = env;
        Check(Api.CreateCpuMemoryInfo(AllocatorTypeArena, MemTypeDefault, &memoryInfo));
        CpuMemoryInfo = memoryInfo;
        Check(Api.GetAllocatorWithDefaultOptions(&allocator));
        Allocator = allocator;
    }

    /// <summary>Throws the error an <c>OrtStatus*</c> carries, releasing the status; does nothing for null (success).</summary>
    internal void Check(nint status)
    {
        if (status == 0) return;
        var code = (OrtErrorCode)Api.GetErrorCode(status);
        var message = Marshal.PtrToStringUTF8((nint)Api.GetErrorMessage(status)) ?? "unknown error";
        Api.ReleaseStatus(status);
        throw new OnnxRuntimeException(code, message);
    }

    /// <summary>Copies a string the default allocator made and frees it.</summary>
    internal string TakeAllocatedString(byte* value)
    {
        try
        {
            return Marshal.PtrToStringUTF8((nint)value) ?? string.Empty;
        }
        finally
        {
            Check(Api.AllocatorFree(Allocator, value));
        }
    }

    private static void SetNativeEnvironmentVariable(string name, string value)
    {
        var libc = NativeLibrary.Load("libc.so.6");
        var setenv = (delegate* unmanaged<byte*, byte*, int, int>)NativeLibrary.GetExport(libc, "setenv");
        var nameBytes = Encoding.UTF8.GetBytes(name + '\0');
        var valueBytes = Encoding.UTF8.GetBytes(value + '\0');
        fixed (byte* n = nameBytes)
        fixed (byte* v = valueBytes)
        {
            if (setenv(n, v, 1) != 0)
                throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastSystemError()}");
        }
    }
}
