using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Modelship.Api.Schema;

/// <summary>
/// Builds a structural OpenAPI v3 schema (as a CRD's <c>openAPIV3Schema</c>) from C# types by reflection: property
/// names as System.Text.Json writes them (camelCase), <c>required</c> members as required, enums as their JSON
/// strings, and the schema attributes of this namespace. It refuses to build a schema with an undocumented property,
/// a default outside its enum or list-map keys that are not required, so the CRD cannot silently lose those.
/// </summary>
public static class OpenApiSchemaGenerator
{
    public static JsonObject ForType(Type type)
    {
        var schema = ObjectSchema(type, []);
        if (type.GetCustomAttribute<DescriptionAttribute>() is { } description)
        {
            schema["description"] = description.Description;
        }
        return schema;
    }

    private static JsonObject ObjectSchema(Type type, HashSet<Type> visiting)
    {
        if (!visiting.Add(type))
        {
            throw new InvalidOperationException($"{type.Name} refers to itself; CRD schemas cannot express recursion");
        }
        var properties = new JsonObject();
        var required = new List<string>();
        foreach (var property in SerializedProperties(type))
        {
            var name = JsonName(property);
            properties[name] = PropertySchema(type, property, visiting);
            if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null || property.GetCustomAttribute<JsonRequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }
        visiting.Remove(type);
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = Strings(required.Order(StringComparer.Ordinal));
        }
        return schema;
    }

    private static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .Where(p => p.Name != "EqualityContract");

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static JsonObject PropertySchema(Type owner, PropertyInfo property, HashSet<Type> visiting)
    {
        var where = $"{owner.Name}.{property.Name}";
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new InvalidOperationException($"{where} has no [Description]; every CRD field must be documented");
        }
        if (property.GetCustomAttribute<EmbeddedObjectMetaAttribute>() is not null)
        {
            // The API server rejects anything but name/generateName constraints here, descriptions included.
            return new JsonObject { ["type"] = "object" };
        }
        if (property.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null)
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true, ["description"] = description };
        }
        var schema = TypeSchema(property.PropertyType, visiting);
        PropertyAttributes.Apply(where, property, schema);
        schema["description"] = description;
        return schema;
    }

    internal static JsonObject TypeSchema(Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }
        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }
        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }
        if (type == typeof(double))
        {
            return new JsonObject { ["type"] = "number" };
        }
        if (type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }
        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = Strings(EnumValues(type)) };
        }
        if (MapValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = TypeSchema(valueType, visiting) };
        }
        if (ListItemType(type) is { } itemType)
        {
            return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(itemType, visiting) };
        }
        if (type.IsClass && type.Namespace?.StartsWith("Modelship.Api", StringComparison.Ordinal) == true)
        {
            return ObjectSchema(type, visiting);
        }
        throw new InvalidOperationException($"no CRD schema mapping for {type.FullName}");
    }

    /// <summary>The JSON strings of an enum's members, in declaration order.</summary>
    public static IReadOnlyList<string> EnumValues(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToList();

    internal static Type? MapValueType(Type type)
    {
        var map = type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            ? type.GetGenericArguments()
            : null;
        if (map is null)
        {
            return null;
        }
        return map[0] == typeof(string) ? map[1] : throw new InvalidOperationException($"map keys must be strings in {type}");
    }

    internal static Type? ListItemType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }
        return type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;
    }

    internal static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
