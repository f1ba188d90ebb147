namespace Modelship.Api.V1Alpha1;

/// <summary>The text of status.modelSummary (the Model printer column): what serves, and what is on its way.</summary>
public static class ModelSummary
{
    /// <summary><c>v6</c>; <c>v7 (deploying)</c> before any version serves; <c>v6 (v7 deploying)</c> during a replacement.</summary>
    public static string? Format(string? activeVersion, string? pendingVersion) => (activeVersion, pendingVersion) switch
    {
        (null, null) => null,
        (null, { } pending) => $"{pending} (deploying)",
        ({ } active, null) => active,
        ({ } active, { } pending) when active == pending => active,
        ({ } active, { } pending) => $"{active} ({pending} deploying)",
    };
}
