using System.Security.Cryptography;
using System.Text;

namespace Modelship.Serving.Auth;

/// <summary>
/// The valid bearer tokens, kept only as SHA-256 hashes. A presented token is hashed and compared with every hash
/// in constant time (equal lengths, no early exit), so neither a token's content nor its length nor which key it
/// matched shows in the answer time.
/// </summary>
public sealed class BearerTokenSet
{
    /// <summary>Token files larger than this are not tokens (a Secret key holding a certificate, say) and are skipped.</summary>
    public const int MaxTokenBytes = 4096;

    private readonly byte[][] _hashes;

    private BearerTokenSet(byte[][] hashes) => _hashes = hashes;

    public static BearerTokenSet Empty { get; } = new([]);

    /// <summary>How many distinct tokens are valid.</summary>
    public int Count => _hashes.Length;

    /// <summary>The set of <paramref name="tokens"/>; empty and whitespace-only ones are left out.</summary>
    public static BearerTokenSet Of(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var hashes = tokens
            .Select(t => t.Trim())
            .Where(t => t.Length > 0)
            .Select(t => SHA256.HashData(Encoding.UTF8.GetBytes(t)))
            .DistinctBy(Convert.ToHexString)
            .ToArray();
        return new BearerTokenSet(hashes);
    }

    /// <summary>Whether <paramref name="token"/> is one of the set's tokens.</summary>
    public bool Contains(ReadOnlySpan<char> token)
    {
        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        var byteCount = Encoding.UTF8.GetByteCount(token);
        var buffer = byteCount <= 256 ? stackalloc byte[256] : new byte[byteCount];
        var written = Encoding.UTF8.GetBytes(token, buffer);
        SHA256.HashData(buffer[..written], presented);
        var found = false;
        foreach (var hash in _hashes)
        {
            // Non-short-circuit OR: every hash is compared whatever matched before.
            found |= CryptographicOperations.FixedTimeEquals(presented, hash);
        }
        return found;
    }
}
