using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Drift;

/// <summary>A version's window against the reference: PSI, Hellinger and out-of-range values per feature and per prediction output.</summary>
public static class VersionDriftCalculator
{
    public static VersionDrift Compute(string version, CompiledReference reference, DriftWindow window)
    {
        var (samples, counts, outOfRange) = window.Read();
        var features = new List<FeatureDrift>(reference.FeatureCount);
        var predictions = new List<FeatureDrift>(reference.Columns.Count - reference.FeatureCount);
        for (var column = 0; column < reference.Columns.Count; column++)
        {
            var profile = reference.Columns[column];
            var live = DriftMath.Proportions(counts[column]);
            if (profile.Proportions.Count == 0 || live.All(p => p == 0))
            {
                // No reference values or no live values for this column: no distance to report.
                continue;
            }
            var expected = profile.Proportions is double[] array ? array : [.. profile.Proportions];
            var drift = new FeatureDrift
            {
                Name = profile.Name,
                Psi = DriftMath.Psi(expected, live),
                Hellinger = DriftMath.Hellinger(expected, live),
                OutOfRange = outOfRange[column],
            };
            (reference.IsFeature(column) ? features : predictions).Add(drift);
        }
        return new VersionDrift { Version = version, Samples = samples, Features = features, Predictions = predictions };
    }
}
