using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Serialization;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

/// <summary>
/// Compares an object's JSON with <c>testdata/&lt;name&gt;.json</c> next to this file. Set
/// <c>MODELSHIP_UPDATE_GOLDEN=1</c> to rewrite the files from the current builders (then review the diff).
/// </summary>
internal static class Golden
{
    private static readonly JsonSerializerOptions Indented = new(ModelshipApiJsonContext.KubernetesClientOptions) { WriteIndented = true };

    public static void Matches<T>(T value, string name, [CallerFilePath] string callerPath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(callerPath)!, "testdata", name + ".json");
        var actual = JsonSerializer.Serialize(value, Indented) + "\n";
        if (Environment.GetEnvironmentVariable("MODELSHIP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }
        File.Exists(path).Should().BeTrue($"{path} is missing; run the tests with MODELSHIP_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected)).Should().BeTrue($"{name} should match {path}; actual:\n{actual}");
    }
}
