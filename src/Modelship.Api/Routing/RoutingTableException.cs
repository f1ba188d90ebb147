namespace Modelship.Api.Routing;

/// <summary>A routing table that could not be parsed or that breaks the table's invariants.</summary>
public sealed class RoutingTableException : Exception
{
    public RoutingTableException(string message, IReadOnlyList<string> errors)
        : base(message)
    {
        Errors = errors;
    }

    /// <summary>Each problem found, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
