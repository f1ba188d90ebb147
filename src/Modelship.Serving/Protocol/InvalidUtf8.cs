using System.Buffers;
using System.Text;

namespace Modelship.Serving.Protocol;

internal static class InvalidUtf8
{
    /// <summary>The offset of the first byte that is not part of valid UTF-8, or the length when all of it is.</summary>
    public static int Offset(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done) return offset;
            offset += consumed;
        }

        return offset;
    }
}
