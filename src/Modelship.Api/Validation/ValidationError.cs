namespace Modelship.Api.Validation;

/// <summary>One broken rule of a spec.</summary>
/// <param name="Field">Path of the offending field, such as <c>spec.traffic.challengers[1].weight</c>.</param>
/// <param name="Message">What is wrong, for people; it names the field too.</param>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => Message;
}
