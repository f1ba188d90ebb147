namespace Modelship.Api.V1Alpha1;

/// <summary>
/// The syntax of challenger and shadow names. They become part of object names, so they are DNS labels, short enough
/// to leave room for the ModelDeployment's name.
/// </summary>
public static class BackendName
{
    public const string Pattern = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
}
