namespace Modelship.Api.Schema;

/// <summary>
/// ECMA-262 regular expression a string property must match, written as <c>pattern</c> in the CRD schema. On a map
/// property it applies to the map's values.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    public string Regex { get; } = regex;
}
