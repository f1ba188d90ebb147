using System.Globalization;

namespace Modelship.Serving.InferenceLog;

/// <summary>
/// Ids for requests without a V2 <c>id</c>: a random per-process prefix and a counter, so generating one on the
/// caller's path costs an increment and a short format.
/// </summary>
public static class InferenceLogIds
{
    private static readonly string Prefix = Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture)[..8];
    private static long s_next;

    public static string Next() => $"{Prefix}-{Interlocked.Increment(ref s_next).ToString("x", CultureInfo.InvariantCulture)}";
}
