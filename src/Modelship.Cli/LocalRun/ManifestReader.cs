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

    /// <summary>The kinds of the documents of a manifest file.</summary>
    public static IReadOnlyList<string> Kinds(string path) =>
        [.. YamlDocuments.Parse(File.ReadAllText(path)).Select(d => d["kind"]?.GetValue<string>() ?? "")];

    /// <summary>The Pipeline of a manifest file and the ModelDeployments beside it (by name), or null when it holds no Pipeline.</summary>
    public static (Api.V1Alpha1.Pipeline Pipeline, IReadOnlyDictionary<string, Api.V1Alpha1.ModelDeployment> Deployments)? ReadPipeline(string path)
    {
        var documents = YamlDocuments.Parse(File.ReadAllText(path));
        var pipelines = documents.Where(d => d["kind"]?.GetValue<string>() == Api.V1Alpha1.Pipeline.KindName).ToList();
        if (pipelines.Count == 0)
        {
            return null;
        }
        if (pipelines.Count > 1)
        {
            throw new LocalRunException($"{path} holds {pipelines.Count} Pipelines; `modelship run` serves one");
        }
        Api.V1Alpha1.Pipeline pipeline;
        try
        {
            pipeline = ModelshipApiJsonContext.ParsePipeline(pipelines[0].ToJsonString());
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"{path}: not a valid {Api.V1Alpha1.Pipeline.KindName}: {e.Message}", e);
        }
        var deployments = new Dictionary<string, Api.V1Alpha1.ModelDeployment>(StringComparer.Ordinal);
        foreach (var document in documents.Where(d => d["kind"]?.GetValue<string>() == Api.V1Alpha1.ModelDeployment.KindName))
        {
            Api.V1Alpha1.ModelDeployment deployment;
            try
            {
                deployment = ModelshipApiJsonContext.ParseModelDeployment(document.ToJsonString());
            }
            catch (JsonException e)
            {
                throw new LocalRunException($"{path}: not a valid {Api.V1Alpha1.ModelDeployment.KindName}: {e.Message}", e);
            }
            var name = deployment.Metadata.Name ?? throw new LocalRunException($"{path}: a ModelDeployment beside a Pipeline needs metadata.name (steps refer to it)");
            if (!deployments.TryAdd(name, deployment))
            {
                throw new LocalRunException($"{path}: two ModelDeployments are named '{name}'");
            }
        }
        return (pipeline, deployments);
    }
}
