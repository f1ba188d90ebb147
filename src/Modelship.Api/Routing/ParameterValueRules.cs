using System.Text.Json;

namespace Modelship.Api.Routing;

/// <summary>What a V2 request parameter may be: a named string, number or boolean (V2 has no nested parameters).</summary>
public static class ParameterValueRules
{
    public const int MaxParameters = 64;

    public const int MaxNameLength = 256;

    /// <summary>The problem of one parameter, naming it; null when it is valid.</summary>
    public static string? Problem(string name, JsonElement value)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "a parameter name must not be empty";
        }
        if (name.Length > MaxNameLength)
        {
            return $"parameter name '{name[..32]}...' is longer than {MaxNameLength} characters";
        }
        return value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? null
            : $"parameter '{name}' must be a string, number or boolean (got {KindName(value.ValueKind)})";
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
