using System.Runtime.InteropServices;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// The <c>OrtValue</c>s for one Run's inputs. Fixed-width tensors are used in place, so their managed buffers stay
/// pinned until the values are released; string tensors are copied into ONNX Runtime by FillStringTensor.
/// </summary>
internal sealed unsafe class OrtInputValues(OnnxRuntimeEnvironment runtime, int capacity) : IDisposable
{
    private readonly List<GCHandle> _pins = new(capacity);

    public nint[] Values { get; } = new nint[capacity];

    public int Count { get; private set; }

    public void Add(InferenceTensor tensor)
    {
        var api = runtime.Api;
        var type = (int)tensor.DataType.ToOnnx();
        nint value;
        fixed (long* shape = tensor.Shape)
        {
            if (tensor.DataType == TensorDataType.Bytes)
            {
                runtime.Check(api.CreateTensorAsOrtValue(runtime.Allocator, shape, (nuint)tensor.Shape.Length, type, &value));
                Values[Count++] = value;
                FillStrings(value, tensor.Strings!);
            }
            else
            {
                var pin = GCHandle.Alloc(tensor.Buffer!, GCHandleType.Pinned);
                _pins.Add(pin);
                runtime.Check(api.CreateTensorWithDataAsOrtValue(
                    runtime.CpuMemoryInfo, (void*)pin.AddrOfPinnedObject(), (nuint)tensor.Buffer!.Length,
                    shape, (nuint)tensor.Shape.Length, type, &value));
                Values[Count++] = value;
            }
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < Count; i++) runtime.Api.ReleaseValue(Values[i]);
        Count = 0;
        foreach (var pin in _pins) pin.Free();
        _pins.Clear();
    }

    private void FillStrings(nint value, string[] strings)
    {
        var pointers = new nint[strings.Length];
        try
        {
            for (var i = 0; i < strings.Length; i++) pointers[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
            fixed (nint* p = pointers)
                runtime.Check(runtime.Api.FillStringTensor(value, (byte**)p, (nuint)strings.Length));
        }
        finally
        {
            foreach (var pointer in pointers) Marshal.FreeCoTaskMem(pointer);
        }
    }
}
