namespace Modelship.Api.Schema;

/// <summary>Inclusive upper bound of a numeric property, written as <c>maximum</c> in the CRD schema.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(double value) : Attribute
{
    public double Value { get; } = value;
}
