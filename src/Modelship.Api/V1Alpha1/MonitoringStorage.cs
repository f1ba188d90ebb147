using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The router Pods' volume for the inference log and the actuals join store: an emptyDir or the user's PVC.</summary>
public sealed record MonitoringStorage
{
    /// <summary>Size limit of the emptyDir.</summary>
    [Description("SizeLimit is the size limit of the emptyDir each router Pod keeps its inference log and join store on, such as 2Gi; 384Mi when absent (its rotation of 5 files of 64 MiB stays under it). Not allowed with persistentVolumeClaim.")]
    [Pattern(QuantityAttribute.Pattern)]
    public string? SizeLimit { get; init; }

    /// <summary>The user's claim, mounted instead of an emptyDir.</summary>
    [Description("PersistentVolumeClaim names a PersistentVolumeClaim in the ModelDeployment's namespace that router Pods mount instead of an emptyDir, so the log and join store outlive a Pod. With more than one router replica the claim must allow ReadWriteMany. The operator neither creates nor deletes it.")]
    [Length(1, 253)]
    public string? PersistentVolumeClaim { get; init; }
}
