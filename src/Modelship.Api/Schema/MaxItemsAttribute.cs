namespace Modelship.Api.Schema;

/// <summary>Largest number of items of a list property, written as <c>maxItems</c>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}
