namespace Modelship.Kubernetes.Client;

public sealed record ApplyOptions
{
    /// <summary>Defaults to the client's field manager ("modelship").</summary>
    public string? FieldManager { get; init; }

    /// <summary>Take fields over from other managers; use only for fields this controller owns.</summary>
    public bool Force { get; init; }

    public bool DryRun { get; init; }
}
