using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Runtimes;

/// <summary>Which model server serves one model version (<see cref="RuntimeSelection"/>).</summary>
public abstract record RuntimeChoice
{
    private RuntimeChoice()
    {
    }

    /// <summary>The built-in ONNX runtime (<c>modelship runtime</c>).</summary>
    public sealed record BuiltIn : RuntimeChoice;

    /// <summary>The image written in the object's own spec.runtime.</summary>
    public sealed record Inline(RuntimeSpec Runtime) : RuntimeChoice;

    /// <summary>A ServingRuntime, named or auto-selected.</summary>
    public sealed record Template(ServingRuntime Runtime, bool AutoSelected) : RuntimeChoice;

    /// <summary>No server can serve the version: a condition reason (<see cref="RuntimeReasons"/>) and a message for people.</summary>
    public sealed record Unservable(string Reason, string Message) : RuntimeChoice;
}
