using Modelship.Api.Routing;

namespace Modelship.Operator.Tests.ModelDeployment.Monitoring;

/// <summary>Router reports for the tests: one window of stats, drift and accuracy per version.</summary>
internal static class MonitoringReports
{
    public static MonitoringReport Report(long actuals = 0, params VersionDrift[] drift) => new()
    {
        Model = "iris",
        Generation = 3,
        ServiceStats = [],
        Drift = drift,
        ActualsReceived = actuals,
    };

    public static VersionDrift Drift(string version, long samples, params (string Name, double Psi, double Hellinger)[] features) => new()
    {
        Version = version,
        Samples = samples,
        Features = [.. features.Select(f => new FeatureDrift { Name = f.Name, Psi = f.Psi, Hellinger = f.Hellinger })],
    };

    public static VersionServiceStats Stats(string version, string role, long requests, long errors, double p99, double? agreement = null) => new()
    {
        Version = version,
        Role = role,
        Windows =
        [
            new WindowStats { Window = "1m", Requests = requests, Errors = errors, LatencyP50Seconds = p99 / 4, LatencyP90Seconds = p99 / 2, LatencyP99Seconds = p99, ShadowAgreement = agreement, CheckFailures = 1 },
            new WindowStats { Window = "1h", Requests = requests * 60, Errors = errors * 60, LatencyP99Seconds = p99 },
        ],
    };

    public static VersionAccuracy Accuracy(string version, long actuals, string metric, double value) => new()
    {
        Version = version,
        Actuals = actuals,
        Metrics = new Dictionary<string, double> { [metric] = value },
    };
}
