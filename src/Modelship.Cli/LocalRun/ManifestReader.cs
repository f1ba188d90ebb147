using System.Text.Json;
using Modelship.Api.Serialization;
using Modelship.Api.V1Alpha1;
using Modelship.Cli.LocalRun.Refresh;
using Modelship.Kubernetes.Yaml;

namespace Modelship.Cli.LocalRun;

/// <summary>Reads the ModelDeployment (and the Pipeline or RefreshSchedules beside it) of YAML or JSON manifest files.</summary>
public static class ManifestReader
{
    public static Api.V1Alpha1.ModelDeployment ReadModelDeployment(string path)
    {
        var documents = YamlDocuments.Parse(File.ReadAllText(path));
        var document = documents.FirstOrDefault(d => d["kind"]?.GetValue<string>() == Api.V1Alpha1.ModelDeployment.KindName)
            ?? throw new LocalRunException($"{path} holds no {Api.V1Alpha1.ModelDeployment.KindName} (kinds found: {string.Join(", ", documents.Select(d => d["kind"]?.ToString() ?? "none"))})");
        return ParseModelDeployment(document.ToJsonString(), path);
    }

    /// <summary>
    /// The one ModelDeployment of <paramref name="paths"/> (any number of documents per file) and the RefreshSchedules
    /// beside it; other kinds are ignored. Throws <see cref="LocalRunException"/> when there is no or more than one
    /// ModelDeployment, and <see cref="InvalidRefreshScheduleException"/> for a RefreshSchedule that is not one.
    /// </summary>
    public static RunManifest ReadRun(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var deployments = new List<ManifestDocument<Api.V1Alpha1.ModelDeployment>>();
        var schedules = new List<ManifestDocument<Api.V1Alpha1.RefreshSchedule>>();
        var servingRuntimes = new List<ManifestDocument<ServingRuntime>>();
        var kinds = new List<string>();
        foreach (var path in paths)
        {
            foreach (var document in YamlDocuments.Parse(File.ReadAllText(path)))
            {
                var kind = document["kind"]?.GetValue<string>() ?? "none";
                kinds.Add(kind);
                if (kind == Api.V1Alpha1.ModelDeployment.KindName)
                {
                    deployments.Add(new(ParseModelDeployment(document.ToJsonString(), path), path));
                }
                else if (kind == ServingRuntime.KindName)
                {
                    servingRuntimes.Add(new(ParseServingRuntime(document.ToJsonString(), path), path));
                }
                else if (kind == Api.V1Alpha1.RefreshSchedule.KindName)
                {
                    try
                    {
                        schedules.Add(new(ModelshipApiJsonContext.ParseRefreshSchedule(document.ToJsonString()), path));
                    }
                    catch (JsonException e)
                    {
                        throw new InvalidRefreshScheduleException($"{path}: not a valid {Api.V1Alpha1.RefreshSchedule.KindName}: {e.Message}", e);
                    }
                }
            }
        }
        return deployments.Count switch
        {
            0 => throw new LocalRunException($"{string.Join(", ", paths)} hold no {Api.V1Alpha1.ModelDeployment.KindName} (kinds found: {string.Join(", ", kinds)})"),
            1 => new RunManifest(deployments[0], schedules) { ServingRuntimes = servingRuntimes },
            _ => throw new LocalRunException(
                $"{string.Join(", ", paths)} hold {deployments.Count} ModelDeployments ({string.Join(", ", deployments.Select(d => d.Document.Metadata.Name ?? d.Path))}); `modelship run` serves one"),
        };
    }

    /// <summary>The ServingRuntimes of a manifest file (its other documents are ignored).</summary>
    public static IReadOnlyList<ManifestDocument<ServingRuntime>> ReadServingRuntimes(string path) =>
        [.. YamlDocuments.Parse(File.ReadAllText(path))
            .Where(d => d["kind"]?.GetValue<string>() == ServingRuntime.KindName)
            .Select(d => new ManifestDocument<ServingRuntime>(ParseServingRuntime(d.ToJsonString(), path), path))];

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
            var deployment = ParseModelDeployment(document.ToJsonString(), path);
            var name = deployment.Metadata.Name ?? throw new LocalRunException($"{path}: a ModelDeployment beside a Pipeline needs metadata.name (steps refer to it)");
            if (!deployments.TryAdd(name, deployment))
            {
                throw new LocalRunException($"{path}: two ModelDeployments are named '{name}'");
            }
        }
        return (pipeline, deployments);
    }

    private static ServingRuntime ParseServingRuntime(string json, string path)
    {
        try
        {
            return ModelshipApiJsonContext.ParseServingRuntime(json);
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"{path}: not a valid {ServingRuntime.KindName}: {e.Message}", e);
        }
    }

    private static Api.V1Alpha1.ModelDeployment ParseModelDeployment(string json, string path)
    {
        try
        {
            return ModelshipApiJsonContext.ParseModelDeployment(json);
        }
        catch (JsonException e)
        {
            throw new LocalRunException($"{path}: not a valid {Api.V1Alpha1.ModelDeployment.KindName}: {e.Message}", e);
        }
    }
}
