using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modelship.IntegrationTests.ArgoCD;

/// <summary>
/// A JSON value as a Lua 5.1 table constructor (<c>return { ... }</c>), the shape Argo CD hands a script as
/// <c>obj</c>: objects and arrays become tables, JSON null an absent key. Lua 5.1 has no JSON parser, so the driver
/// (run-customization.lua) loads this instead.
/// </summary>
public static class LuaLiteral
{
    public static string Chunk(JsonNode? value)
    {
        var builder = new StringBuilder("return ");
        Write(builder, value);
        return builder.Append('\n').ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? value)
    {
        switch (value)
        {
            case null:
                builder.Append("nil");
                break;
            case JsonObject obj:
                builder.Append('{');
                foreach (var (name, member) in obj.Where(m => m.Value is not null))
                {
                    builder.Append('[');
                    Quote(builder, name);
                    builder.Append("]=");
                    Write(builder, member);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('{');
                foreach (var item in array)
                {
                    Write(builder, item);
                    builder.Append(',');
                }
                builder.Append('}');
                break;
            default:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        Quote(builder, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        builder.Append("true");
                        break;
                    case JsonValueKind.False:
                        builder.Append("false");
                        break;
                    case JsonValueKind.Number:
                        // JSON number syntax is Lua number syntax.
                        builder.Append(value.ToJsonString());
                        break;
                    default:
                        builder.Append("nil");
                        break;
                }
                break;
        }
    }

    /// <summary>A Lua string literal: printable ASCII as is, everything else as decimal byte escapes of its UTF-8.</summary>
    private static void Quote(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and < 0x7f && b != '"' && b != '\\')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('\\').Append(b.ToString("000", CultureInfo.InvariantCulture));
            }
        }
        builder.Append('"');
    }
}
