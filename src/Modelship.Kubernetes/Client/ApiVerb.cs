namespace Modelship.Kubernetes.Client;

/// <summary>What a request does; decides whether a failed attempt may be repeated.</summary>
public enum ApiVerb
{
    Get,
    List,
    Create,
    Replace,
    MergePatch,
    Apply,
    Delete,
}
