using System.Text.Json;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Yaml;

namespace Modelship.Cli.LocalRun;

/// <summary>Reads the ModelDeployment of a YAML or JSON manifest file.</summary>
public static class ManifestReader
{
    public static Api.V1Alpha1.ModelDeployment ReadModelDeployment(string path)
    {
        var documents = YamlDocuments.Parse(File.ReadAllText(path));
        var document = documents.FirstOrDefault(d => d["kind"]?.GetValue<string>() == Api.V1Alpha1.ModelDeployment.KindName)
            ?? throw new LocalRunException($"{path} holds no {Api.V1Alpha1.ModelDeployment.KindName} (kinds found: {string.Join(", ", documents.Select(d => d["kind"]?.ToString() ?? "none"))})");
        try
        {
            return ModelshipApiJsonContext.ParseModelDeployment(document.ToJsonString());
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"{path}: not a valid {Api.V1Alpha1.ModelDeployment.KindName}: {e.Message}", e);
        }
    }
}
