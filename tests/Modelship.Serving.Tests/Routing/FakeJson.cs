using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Modelship.Serving.Tests.Routing;

/// <summary>Reflection-based JSON for the fake backends' loosely typed answers.</summary>
internal static class FakeJson
{
    public static readonly JsonSerializerOptions Options = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
}
