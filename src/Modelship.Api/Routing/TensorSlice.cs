using System.Globalization;

namespace Modelship.Api.Routing;

/// <summary>
/// A python-like <c>start:end</c> slice over a list (audit steps slice the current tensors): either side may be absent,
/// negative numbers count from the end, and out-of-range bounds are clamped, as in Python.
/// </summary>
public readonly record struct TensorSlice(int? Start, int? End)
{
    public static bool TryParse(string? text, out TensorSlice slice)
    {
        slice = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon < 0 || text!.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }
        if (!TryBound(text[..colon], out var start) || !TryBound(text[(colon + 1)..], out var end))
        {
            return false;
        }
        slice = new TensorSlice(start, end);
        return true;
    }

    /// <summary>The index range [start, end) this slice selects from a list of <paramref name="count"/> items.</summary>
    public (int Start, int End) Resolve(int count)
    {
        var start = Clamp(Start ?? 0, count);
        var end = Clamp(End ?? count, count);
        return (start, Math.Max(start, end));
    }

    public override string ToString() => $"{Start}:{End}";

    private static int Clamp(int bound, int count) => bound < 0 ? Math.Max(0, count + bound) : Math.Min(bound, count);

    private static bool TryBound(string text, out int? bound)
    {
        bound = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            bound = value;
            return true;
        }
        return false;
    }
}
