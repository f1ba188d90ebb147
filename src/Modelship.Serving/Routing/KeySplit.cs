using Modelship.Api.Routing;

namespace Modelship.Serving.Routing;

/// <summary>Routes by the exact value of a key: a listed value goes to its backend, any other value to the default.</summary>
public static class KeySplit
{
    /// <summary>
    /// The backend name for <paramref name="value"/>, the rule's default when the value is absent or not listed, or
    /// null when there is no default (the caller then falls back to the sticky or weighted split).
    /// </summary>
    public static string? Select(KeySplitRule rule, string? value) =>
        value is not null && rule.Routes.TryGetValue(value, out var backend) ? backend : rule.Default;
}
