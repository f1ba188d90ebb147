using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace Modelship.Api.Schema;

/// <summary>Turns the schema attributes of one property into OpenAPI keywords on its schema.</summary>
internal static class PropertyAttributes
{
    public static void Apply(string where, PropertyInfo property, JsonObject schema)
    {
        // Value constraints on a map or list property apply to its values or items.
        var valueSchema = schema["additionalProperties"] as JsonObject ?? schema["items"] as JsonObject ?? schema;
        if (property.GetCustomAttribute<QuantityAttribute>() is not null)
        {
            var quantity = new JsonObject
            {
                ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
                ["pattern"] = QuantityAttribute.Pattern,
                ["x-kubernetes-int-or-string"] = true,
            };
            if (schema["additionalProperties"] is null)
            {
                throw new InvalidOperationException($"{where}: [Quantity] is for maps of resource quantities");
            }
            schema["additionalProperties"] = quantity;
        }
        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            valueSchema["pattern"] = pattern.Regex;
        }
        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            if (length.Min >= 0)
            {
                valueSchema["minLength"] = length.Min;
            }
            if (length.Max >= 0)
            {
                valueSchema["maxLength"] = length.Max;
            }
        }
        ApplyBounds(where, property, schema);
        if (property.GetCustomAttribute<MaxItemsAttribute>() is { } maxItems)
        {
            schema["maxItems"] = maxItems.Value;
        }
        if (property.GetCustomAttribute<ListMapKeysAttribute>() is { } listMap)
        {
            ApplyListMap(where, listMap, schema);
        }
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema["default"] = DefaultNode(where, defaultValue.Value, schema);
        }
    }

    private static void ApplyBounds(string where, PropertyInfo property, JsonObject schema)
    {
        var integer = (string?)schema["type"] == "integer";
        if ((property.GetCustomAttribute<MinimumAttribute>() ?? (object?)property.GetCustomAttribute<MaximumAttribute>()) is not null
            && !integer && (string?)schema["type"] != "number")
        {
            throw new InvalidOperationException($"{where}: minimum/maximum need a numeric property");
        }
        if (property.GetCustomAttribute<MinimumAttribute>() is { } minimum)
        {
            schema["minimum"] = Number(minimum.Value, integer);
        }
        if (property.GetCustomAttribute<MaximumAttribute>() is { } maximum)
        {
            schema["maximum"] = Number(maximum.Value, integer);
        }
    }

    private static JsonNode Number(double value, bool integer) =>
        integer ? JsonValue.Create(checked((long)value)) : JsonValue.Create(value);

    private static void ApplyListMap(string where, ListMapKeysAttribute listMap, JsonObject schema)
    {
        var itemRequired = (schema["items"]?["required"] as JsonArray)?.Select(n => (string?)n).ToHashSet() ?? [];
        foreach (var key in listMap.Keys)
        {
            if (!itemRequired.Contains(key))
            {
                throw new InvalidOperationException($"{where}: list-map key '{key}' must be a required property of the items");
            }
        }
        schema["x-kubernetes-list-type"] = "map";
        schema["x-kubernetes-list-map-keys"] = OpenApiSchemaGenerator.Strings(listMap.Keys);
    }

    private static JsonNode DefaultNode(string where, object? value, JsonObject schema)
    {
        JsonNode node = value switch
        {
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            string s => JsonValue.Create(s),
            _ => throw new InvalidOperationException($"{where}: unsupported default value {value}"),
        };
        var type = (string?)schema["type"];
        var fits = type switch
        {
            "boolean" => value is bool,
            "integer" => value is int or long,
            "number" => value is int or long or double,
            "string" => value is string,
            _ => false,
        };
        if (!fits)
        {
            throw new InvalidOperationException($"{where}: default {value} does not fit type {type}");
        }
        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => (string?)a == (string?)value))
        {
            throw new InvalidOperationException($"{where}: default '{value}' is not one of the enum values");
        }
        if (value is IConvertible convertible && type is "integer" or "number")
        {
            var number = convertible.ToDouble(CultureInfo.InvariantCulture);
            if ((schema["minimum"] is JsonValue min && number < AsDouble(min)) || (schema["maximum"] is JsonValue max && number > AsDouble(max)))
            {
                throw new InvalidOperationException($"{where}: default {value} is outside minimum/maximum");
            }
        }
        return node;
    }

    private static double AsDouble(JsonValue value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
}
