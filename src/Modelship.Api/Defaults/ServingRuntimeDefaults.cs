namespace Modelship.Api.Defaults;

/// <summary>The values an absent optional field of a ServingRuntime means (CRD defaults and code read them here).</summary>
public static class ServingRuntimeDefaults
{
    public const string Protocol = "v2";
    public const bool AutoSelect = false;
}
