using System.Runtime.InteropServices;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Owns an <c>OrtSession</c> and the native UTF-8 copies of its input and output names. A SafeHandle, so a session
/// is released only after the last Run that holds a reference to it has returned.
/// </summary>
internal sealed unsafe class OrtSessionHandle : SafeHandle
{
    private readonly OnnxRuntimeEnvironment _runtime;

    public OrtSessionHandle(OnnxRuntimeEnvironment runtime, nint session) : base(0, ownsHandle: true)
    {
        _runtime = runtime;
        SetHandle(session);
    }

    public override bool IsInvalid => handle == 0;

    public nint[] InputNames { get; set; } = [];

    public nint[] OutputNames { get; set; } = [];

    protected override bool ReleaseHandle()
    {
        foreach (var name in InputNames) Marshal.FreeCoTaskMem(name);
        foreach (var name in OutputNames) Marshal.FreeCoTaskMem(name);
        _runtime.Api.ReleaseSession(handle);
        return true;
    }
}
