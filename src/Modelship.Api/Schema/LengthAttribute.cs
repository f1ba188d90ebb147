namespace Modelship.Api.Schema;

/// <summary>Length bounds of a string property (<c>minLength</c>/<c>maxLength</c>); a negative bound is not written.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute(int min, int max = -1) : Attribute
{
    public int Min { get; } = min;

    public int Max { get; } = max;
}
