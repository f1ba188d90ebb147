namespace Modelship.Api.Runtimes;

/// <summary>Condition reasons (and Event reasons) of a model version no runtime can serve.</summary>
public static class RuntimeReasons
{
    /// <summary>spec.runtime.name names no ServingRuntime, or none auto-selects the version's format.</summary>
    public const string RuntimeNotFound = "RuntimeNotFound";

    /// <summary>The named ServingRuntime does not serve the version's format.</summary>
    public const string RuntimeUnsuitable = "RuntimeUnsuitable";

    /// <summary>The ServingRuntime breaks a rule of <see cref="Validation.ServingRuntimeValidator"/>.</summary>
    public const string RuntimeInvalid = "RuntimeInvalid";

    /// <summary>More than one ServingRuntime auto-selects the version's format.</summary>
    public const string RuntimeAmbiguous = "RuntimeAmbiguous";
}
