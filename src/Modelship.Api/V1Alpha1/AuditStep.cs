using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Logs a slice of the current tensors.</summary>
public sealed record AuditStep
{
    /// <summary>Python-like <c>start:end</c> over the tensors.</summary>
    [Description("Slice of the current tensors to log, python-like over their order: start:end, start: or :end, with negative numbers counting from the end, such as 1:3.")]
    [Pattern(AuditSlice.Pattern)]
    public required string Slice { get; init; }
}
