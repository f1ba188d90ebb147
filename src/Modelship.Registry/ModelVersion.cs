namespace Modelship.Registry;

/// <summary>One version of a model as a source reports it.</summary>
/// <param name="Version">The version's name in its source (a folder name, an MLflow version number, a semver).</param>
/// <param name="Uri">Where the model is: a file path, http(s)://, or s3://bucket/key.</param>
/// <param name="Sha256">The expected hex SHA-256 of the model file, when the source knows it.</param>
/// <param name="CreatedTime">When the version was created, when the source knows it.</param>
/// <param name="Metrics">Offline metrics the source reports (e.g. accuracy), compared by promotion checks.</param>
/// <param name="Aliases">Names that point at this version (e.g. champion).</param>
public sealed record ModelVersion(
    string Version,
    string Uri,
    string? Sha256,
    DateTimeOffset? CreatedTime,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Aliases)
{
    public static IReadOnlyDictionary<string, double> NoMetrics { get; } = new Dictionary<string, double>();

    public static IReadOnlyList<string> NoAliases { get; } = [];
}
