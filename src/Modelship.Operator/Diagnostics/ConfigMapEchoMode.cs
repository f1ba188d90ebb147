namespace Modelship.Operator.Diagnostics;

public enum ConfigMapEchoMode
{
    /// <summary>Reads the object from the cache and does nothing: measures the runtime itself (benchmark).</summary>
    Noop,

    /// <summary>Writes the object's <c>data.version</c> and the operator identity into annotations (integration tests).</summary>
    Annotate,
}
