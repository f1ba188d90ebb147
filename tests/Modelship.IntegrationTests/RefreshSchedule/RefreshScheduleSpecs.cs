using k8s.Models;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.IntegrationTests.RefreshSchedule;

/// <summary>The objects the RefreshSchedule tests start from: the target "iris" and an hourly schedule of it.</summary>
public static class RefreshScheduleSpecs
{
    /// <summary>The target ModelDeployment "iris" at <paramref name="version"/> (a digest the refresh must remove or replace).</summary>
    public static MD Target(string ns, string version, string uri) => new()
    {
        Metadata = new V1ObjectMeta { Name = "iris", NamespaceProperty = ns },
        Spec = new ModelDeploymentSpec
        {
            Model = new ModelSpec { Uri = uri, Version = version, Sha256 = new string('a', 64) },
            Replicas = 2,
            Runtime = new RuntimeSpec { Port = 8080 },
        },
    };

    /// <summary>
    /// Every hour in Europe/Berlin, 300 s starting deadline, highest SemVer of <paramref name="source"/>, promoted
    /// when accuracy is at most 0.01 below the champion's.
    /// </summary>
    public static Schedule Hourly(string ns, string name, RefreshSource source) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
        Spec = new RefreshScheduleSpec
        {
            Schedule = "0 * * * *",
            TimeZone = "Europe/Berlin",
            StartingDeadlineSeconds = 300,
            Target = new RefreshTarget { ModelDeployment = "iris" },
            Source = source,
            Selection = new RefreshSelection { Strategy = RefreshSelectionStrategy.SemVer },
            Promotion = new RefreshPromotion
            {
                MetricCheck = new RefreshMetricCheck { Checks = [new RefreshMetricComparison { Metric = "accuracy", MaxRegression = 0.01 }] },
            },
        },
    };

    public static RefreshSource Directory(string path) => new() { Directory = new DirectoryVersionSourceSpec { Path = path } };
}
