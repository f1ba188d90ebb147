namespace Modelship.Registry;

/// <summary>SHA-256 digests as 64 hexadecimal characters (either case on input, lower case out).</summary>
public static class Sha256Hex
{
    public static bool IsValid(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    public static bool AreEqual(string expected, ReadOnlySpan<byte> digest) =>
        string.Equals(expected, Convert.ToHexStringLower(digest), StringComparison.OrdinalIgnoreCase);
}
