using System.Globalization;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>
/// An actual outcome as a class label and, when it is a number, as a number. Booleans are the classes "1" and "0",
/// and integral numbers are written without a decimal point, so an actual <c>1</c>, <c>1.0</c> or <c>true</c> matches
/// a predicted INT64 label 1 or the argmax index 1.
/// </summary>
public readonly record struct ActualValue(string Label, double? Number)
{
    public static ActualValue FromNumber(double value) => new(LabelOf(value), value);

    public static ActualValue FromBoolean(bool value) => value ? new("1", 1) : new("0", 0);

    public static ActualValue FromText(string value) => new(value, null);

    /// <summary>The class label of a number: integral values without a decimal point, others round-trippable.</summary>
    public static string LabelOf(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The class index a probability vector is indexed by, when the label is a small non-negative integer.</summary>
    public int? ClassIndex(int classes) =>
        int.TryParse(Label, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < classes ? index : null;
}
