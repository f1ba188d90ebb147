namespace Modelship.Api.Validation;

/// <summary>The model URI schemes the schema accepts and the ones the fetcher can actually read.</summary>
public static class ModelUriSchemes
{
    /// <summary>Schemes <c>modelship fetch</c> reads.</summary>
    public static IReadOnlyList<string> Fetchable { get; } = ["file", "pvc", "http", "https"];

    /// <summary>Schemes the schema accepts; those not in <see cref="Fetchable"/> are reported as unsupported.</summary>
    public static IReadOnlyList<string> Accepted { get; } = ["file", "pvc", "http", "https", "s3"];

    /// <summary>The scheme of <paramref name="uri"/> in lowercase, or null when it has none.</summary>
    public static string? SchemeOf(string? uri)
    {
        var end = uri?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return end > 0 ? uri![..end].ToLowerInvariant() : null;
    }
}
