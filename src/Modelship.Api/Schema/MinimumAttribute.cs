namespace Modelship.Api.Schema;

/// <summary>Inclusive lower bound of a numeric property, written as <c>minimum</c> in the CRD schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}
