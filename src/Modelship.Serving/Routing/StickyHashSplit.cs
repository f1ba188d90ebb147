using System.Buffers;
using System.Text;
using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>
/// Picks a backend from a stable hash of the routing key, so one key always lands on the same backend while the
/// weights stay the same, in every router replica.
/// </summary>
public static class StickyHashSplit
{
    public static RoutingBackend Select(SplitLayout layout, ReadOnlySpan<byte> keyUtf8) => layout.At(StableKeyHash.Percent(keyUtf8));

    public static RoutingBackend Select(SplitLayout layout, string key) => layout.At(Percent(key));

    /// <summary>The key's point in [0, 100), hashed over its UTF-8 bytes.</summary>
    public static double Percent(string key)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, buffer);
            return StableKeyHash.Percent(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
