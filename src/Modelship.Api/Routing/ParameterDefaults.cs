using System.Text.Json;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Routing;

/// <summary>
/// V2 request parameters the router merges into the parameters of each inference request it forwards (a
/// ModelDeployment's table) or sends with each model request of a step (a Pipeline step).
/// </summary>
public sealed record ParameterDefaults
{
    /// <summary>Parameter name to its value: a JSON string, number or boolean.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>True: these values replace the caller's; false: they only fill in names the caller did not send.</summary>
    public bool Override { get; init; }

    /// <summary>The table's form of a spec's predictionDefaults (valid: an object), or null without them.</summary>
    public static ParameterDefaults? From(PredictionDefaults? spec)
    {
        if (spec is null || spec.Parameters.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var parameter in spec.Parameters.EnumerateObject())
        {
            parameters[parameter.Name] = parameter.Value.Clone();
        }
        return new ParameterDefaults { Parameters = parameters, Override = spec.Override ?? false };
    }

    /// <summary>The same defaults with absent parameters as an empty map (JSON leaves them null).</summary>
    public ParameterDefaults Normalized() => Parameters is null ? this with { Parameters = new Dictionary<string, JsonElement>() } : this;

    /// <summary>What is wrong with these defaults, each as a sentence prefixed with <paramref name="label"/>.</summary>
    public IEnumerable<string> Problems(string label)
    {
        if (Parameters is null || Parameters.Count == 0)
        {
            yield return $"{label}: parameters must name at least one parameter";
            yield break;
        }
        if (Parameters.Count > ParameterValueRules.MaxParameters)
        {
            yield return $"{label}: parameters has {Parameters.Count} entries, more than {ParameterValueRules.MaxParameters}";
        }
        foreach (var (name, value) in Parameters)
        {
            if (ParameterValueRules.Problem(name, value) is { } problem)
            {
                yield return $"{label}: {problem}";
            }
        }
    }
}
