using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Modelship.Operator.Notifications;

/// <summary>
/// Pure: the HMAC-SHA256 headers of a webhook call. The signed text is <c>"&lt;timestamp&gt;.&lt;body&gt;"</c>, so a
/// receiver that checks the signature and rejects a timestamp older than a few minutes also rejects a replayed call.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Modelship-Signature";
    public const string TimestampHeader = "X-Modelship-Timestamp";

    /// <summary>Unix seconds, as sent in <see cref="TimestampHeader"/>.</summary>
    public static string Timestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary><c>sha256=&lt;lower-case hex&gt;</c> of HMAC-SHA256(key, timestamp + "." + body).</summary>
    public static string Sign(byte[] key, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(key);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: constant-time comparison of <paramref name="signature"/> with the expected one.</summary>
    public static bool Verify(byte[] key, string timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key, timestamp, body)), Encoding.ASCII.GetBytes(signature ?? ""));
}
