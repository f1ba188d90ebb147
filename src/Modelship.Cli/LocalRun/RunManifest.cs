namespace Modelship.Cli.LocalRun;

/// <summary>A document of a manifest file, with the file it came from (relative paths in it are relative to that file).</summary>
public sealed record ManifestDocument<T>(T Document, string Path);

/// <summary>What `modelship run -f ... [-f ...]` serves: one ModelDeployment and the RefreshSchedules and ServingRuntimes beside it.</summary>
public sealed record RunManifest(
    ManifestDocument<Api.V1Alpha1.ModelDeployment> Deployment,
    IReadOnlyList<ManifestDocument<Api.V1Alpha1.RefreshSchedule>> Schedules)
{
    public IReadOnlyList<ManifestDocument<Api.V1Alpha1.ServingRuntime>> ServingRuntimes { get; init; } = [];
}
