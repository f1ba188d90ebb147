namespace Modelship.Kubernetes.Models;

/// <summary>Where a kind lives in the API: enough to build its REST paths.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>/api/v1</c> for the core group, <c>/apis/{group}/{version}</c> otherwise.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public override string ToString() => $"{Plural}.{(Group.Length == 0 ? "core" : Group)}/{Version}";
}
