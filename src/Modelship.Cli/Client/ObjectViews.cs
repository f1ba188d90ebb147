using System.Text.Json;
using Modelship.Api.Serialization;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Client;

/// <summary>The table views of `get` and `list` for a kind (pure): the objects read as their typed API classes.</summary>
public static class ObjectViews
{
    public static string Describe(DeployedKind kind, GenericObject obj, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind == DeployedKind.Pipeline
            ? PipelineDescription.Format(Typed(obj, ModelshipApiJsonContext.ParsePipeline), now)
            : ModelDeploymentDescription.Format(Typed(obj, ModelshipApiJsonContext.ParseModelDeployment), now);
    }

    public static string List(DeployedKind kind, IEnumerable<GenericObject> objects, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind == DeployedKind.Pipeline
            ? PipelineTable.Format(objects.Select(o => Typed(o, ModelshipApiJsonContext.ParsePipeline)), now)
            : ModelDeploymentTable.Format(objects.Select(o => Typed(o, ModelshipApiJsonContext.ParseModelDeployment)), now);
    }

    private static T Typed<T>(GenericObject obj, Func<string, T> parse)
    {
        try
        {
            return parse(ObjectDocuments.ToJson(obj).ToJsonString());
        }
        catch (JsonException e)
        {
            throw new ClientCommandException($"{obj.Kind} \"{obj.Metadata.Name}\" cannot be shown as a table ({e.Message}); use -o yaml");
        }
    }
}
