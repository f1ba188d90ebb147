using System.Text.RegularExpressions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx;

/// <summary>
/// Turns the package's exceptions into our <see cref="OnnxRuntimeException"/> with ORT's error code, which callers
/// branch on (an <see cref="OrtErrorCode.InvalidArgument"/> from Run is the caller's fault: 400, not 500). The
/// package's exception carries the code only in its message ("[ErrorCode:InvalidArgument] ..."), by the name of its
/// own internal <c>ErrorCode</c> enum: ORT's codes, named as ours up to 10, then under older names (or as a number).
/// </summary>
internal static partial class OnnxRuntimeErrors
{
    public static OnnxRuntimeException ToOurs(Ort.OnnxRuntimeException e)
    {
        var prefix = CodePrefix().Match(e.Message);
        if (!prefix.Success) return new OnnxRuntimeException(OrtErrorCode.Fail, e.Message, e);
        var code = prefix.Groups[1].Value switch
        {
            "ShapeInferenceNotRegistered" => OrtErrorCode.EpFail, // 11
            var name => Enum.TryParse<OrtErrorCode>(name, out var parsed) ? parsed : OrtErrorCode.Fail,
        };
        return new OnnxRuntimeException(code, e.Message[prefix.Length..], e);
    }

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\] ")]
    private static partial Regex CodePrefix();
}
