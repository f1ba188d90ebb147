using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Schema;

/// <summary>The custom resources of the modelship.dev group, as the CRD generator describes them.</summary>
public static class ModelshipCustomResources
{
    public static CustomResourceDescription ModelDeployment { get; } = new()
    {
        Group = V1Alpha1.ModelDeployment.Group,
        Version = V1Alpha1.ModelDeployment.Version,
        Kind = V1Alpha1.ModelDeployment.KindName,
        Plural = V1Alpha1.ModelDeployment.Plural,
        Singular = V1Alpha1.ModelDeployment.Singular,
        ShortNames = [V1Alpha1.ModelDeployment.ShortName],
        Categories = ["modelship"],
        RootType = typeof(ModelDeployment),
        PrinterColumns =
        [
            new("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the endpoint serves the champion"),
            new("Phase", "string", ".status.phase", "Pending, Deploying, Active, Failed or Stopped"),
            new("Model", "string", ".status.modelSummary", "Version of the active champion, and the version being deployed"),
            new("Challengers", "string", ".status.trafficSummary", "Ready challengers / declared challengers"),
            new("Endpoint", "string", ".status.endpoint", "In-cluster V2 endpoint", Priority: 1),
            new("Age", "date", ".metadata.creationTimestamp", "Time since creation"),
        ],
    };

    public static CustomResourceDescription Pipeline { get; } = new()
    {
        Group = V1Alpha1.Pipeline.Group,
        Version = V1Alpha1.Pipeline.Version,
        Kind = V1Alpha1.Pipeline.KindName,
        Plural = V1Alpha1.Pipeline.Plural,
        Singular = V1Alpha1.Pipeline.Singular,
        ShortNames = [V1Alpha1.Pipeline.ShortName],
        Categories = ["modelship"],
        RootType = typeof(Pipeline),
        PrinterColumns =
        [
            new("Phase", "string", ".status.phase", "Pending, Deploying, Active or Failed"),
            new("Steps", "string", ".status.stepSummary", "Ready steps / steps"),
            new("Endpoint", "string", ".status.endpoint", "In-cluster V2 endpoint"),
            new("Age", "date", ".metadata.creationTimestamp", "Time since creation"),
        ],
    };

    public static CustomResourceDescription RefreshSchedule { get; } = new()
    {
        Group = V1Alpha1.RefreshSchedule.Group,
        Version = V1Alpha1.RefreshSchedule.Version,
        Kind = V1Alpha1.RefreshSchedule.KindName,
        Plural = V1Alpha1.RefreshSchedule.Plural,
        Singular = V1Alpha1.RefreshSchedule.Singular,
        ShortNames = [V1Alpha1.RefreshSchedule.ShortName],
        Categories = ["modelship"],
        RootType = typeof(RefreshSchedule),
        PrinterColumns =
        [
            new("Schedule", "string", ".spec.schedule", "Cron schedule"),
            new("Target", "string", ".spec.target.modelDeployment", "ModelDeployment whose champion is refreshed"),
            new("Last Version", "string", ".status.lastResolvedVersion", "Version the last run selected"),
            new("Last Result", "string", ".status.lastRun.result", "Promoted, Rejected, Failed, Skipped or NoNewVersion"),
            new("Next", "date", ".status.nextScheduleTime", "When the next run is due"),
            new("Age", "date", ".metadata.creationTimestamp", "Time since creation"),
        ],
    };

    public static CustomResourceDescription ServingRuntime { get; } = new()
    {
        Group = V1Alpha1.ServingRuntime.Group,
        Version = V1Alpha1.ServingRuntime.Version,
        Kind = V1Alpha1.ServingRuntime.KindName,
        Plural = V1Alpha1.ServingRuntime.Plural,
        Singular = V1Alpha1.ServingRuntime.Singular,
        ShortNames = [V1Alpha1.ServingRuntime.ShortName],
        Categories = ["modelship"],
        RootType = typeof(ServingRuntime),
        PrinterColumns =
        [
            new("Image", "string", ".spec.image", "Container image of the model server"),
            new("Formats", "string", ".spec.supportedModelFormats[*].name", "Model formats it serves"),
            new("Age", "date", ".metadata.creationTimestamp", "Time since creation"),
        ],
    };

    /// <summary>Every resource the generator writes a CRD for.</summary>
    public static IReadOnlyList<CustomResourceDescription> All { get; } = [ModelDeployment, Pipeline, RefreshSchedule, ServingRuntime];
}
