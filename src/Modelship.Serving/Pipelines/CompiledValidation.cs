using Cel;

namespace Modelship.Serving.Pipelines;

/// <summary>A validation compiled once per routing table; its program is evaluated per request.</summary>
public sealed class CompiledValidation(string name, string expression, CelProgramDelegate program)
{
    public string Name { get; } = name;

    public string Expression { get; } = expression;

    public CelProgramDelegate Program { get; } = program;

    /// <summary>Whether the expression may read the request's inputs, which are then converted for it.</summary>
    public bool UsesInputs { get; } = expression.Contains(Api.Validation.CelExpressions.Inputs, StringComparison.Ordinal);
}
