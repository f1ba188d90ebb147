using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>spec.predictionDefaults (and a step's): an object of named strings, numbers and booleans.</summary>
internal static class PredictionDefaultsValidator
{
    public static void Validate(string path, PredictionDefaults defaults, ErrorList errors)
    {
        var parameters = defaults.Parameters;
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.parameters", "must be an object of parameter names to strings, numbers or booleans");
            return;
        }
        var count = 0;
        foreach (var parameter in parameters.EnumerateObject())
        {
            count++;
            if (ParameterValueRules.Problem(parameter.Name, parameter.Value) is { } problem)
            {
                errors.Add($"{path}.parameters", problem);
            }
        }
        if (count == 0)
        {
            errors.Add($"{path}.parameters", "must name at least one parameter");
        }
        else if (count > ParameterValueRules.MaxParameters)
        {
            errors.Add($"{path}.parameters", $"has {count} entries, more than {ParameterValueRules.MaxParameters}");
        }
    }
}
