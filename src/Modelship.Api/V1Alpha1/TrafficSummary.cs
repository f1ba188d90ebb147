namespace Modelship.Api.V1Alpha1;

/// <summary>The text of status.trafficSummary (the Challengers printer column).</summary>
public static class TrafficSummary
{
    /// <summary>"ready/declared" challengers, such as <c>1/2</c>.</summary>
    public static string Format(int readyChallengers, int declaredChallengers) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{readyChallengers}/{declaredChallengers}");
}
