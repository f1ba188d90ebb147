using System.Globalization;

namespace Modelship.Serving.Monitoring.Profile;

/// <summary>
/// The text a categorical value is counted under, the same for a CSV field, a JSON Lines value and a V2 tensor
/// element: a number in its shortest round-trip form (so <c>1</c>, <c>1.0</c> and <c>"1"</c> are one category),
/// anything else as written.
/// </summary>
public static class CategoryKeys
{
    public static string FromText(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? FromNumber(number) : text;

    public static string FromNumber(double number) => number.ToString("R", CultureInfo.InvariantCulture);
}
