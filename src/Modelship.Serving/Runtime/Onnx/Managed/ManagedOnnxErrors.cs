using System.Text.RegularExpressions;
using Ort = Microsoft.ML.OnnxRuntime;

namespace Modelship.Serving.Runtime.Onnx.Managed;

/// <summary>
/// Turns the package's exceptions into ours. Its <c>OnnxRuntimeException</c> carries ORT's error code only in its
/// message ("[ErrorCode:InvalidArgument] ..."), so the code is read back from there.
/// </summary>
internal static partial class ManagedOnnxErrors
{
    public static T Translate<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Ort.OnnxRuntimeException e)
        {
            throw ToOurs(e);
        }
    }

    public static OnnxRuntimeException ToOurs(Ort.OnnxRuntimeException e)
    {
        var match = CodePrefix().Match(e.Message);
        if (!match.Success) return new OnnxRuntimeException(OrtErrorCode.Fail, e.Message);
        var code = Enum.TryParse<OrtErrorCode>(match.Groups[1].Value, out var parsed) ? parsed : OrtErrorCode.Fail;
        return new OnnxRuntimeException(code, e.Message[match.Length..]);
    }

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\] ")]
    private static partial Regex CodePrefix();
}
