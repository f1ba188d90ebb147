namespace Modelship.Serving.Routing;

/// <summary>
/// A hash of routing keys that is the same in every process and release: FNV-1a 64 over the bytes, followed by the
/// MurmurHash3 64-bit finalizer so that short keys differing in one byte still spread over the whole range.
/// (string.GetHashCode is randomized per process and cannot be used for stickiness.)
/// </summary>
public static class StableKeyHash
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static ulong Hash(ReadOnlySpan<byte> key) => Finalize(Fnv1a64(key));

    /// <summary>Plain FNV-1a 64 (offset basis 14695981039346656037, prime 1099511628211).</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= FnvPrime;
        }
        return hash;
    }

    /// <summary>Maps the hash of <paramref name="key"/> uniformly onto [0, 100).</summary>
    public static double Percent(ReadOnlySpan<byte> key) => ToPercent(Hash(key));

    /// <summary>Maps a 64-bit hash uniformly onto [0, 100) using its top 53 bits.</summary>
    public static double ToPercent(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53)) * 100.0;

    private static ulong Finalize(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
