using System.Text.Json.Nodes;
using Modelship.Api.V1Alpha1;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Client;

/// <summary>
/// What the flags of `deployments create` and `deployments update` make (pure): a minimal ModelDeployment, and the
/// merge patch that changes the champion's model (and the reason recorded in its history), which starts the
/// operator's zero-downtime replacement. A merge patch, not an apply: an apply under the CLI's field manager that
/// sent only these fields would remove every other field the CLI applied before from `-f`.
/// </summary>
public static class ModelChange
{
    public static readonly IReadOnlyList<string> ReasonNames = ["ACCURACY", "DATA_DRIFT", "ERRORS", "SCHEDULED_REFRESH", "SCORING_SPEED", "OTHER"];

    public static GenericObject NewDeployment(string name, string ns, string modelUri, string version, string? format)
    {
        var model = new JsonObject { ["uri"] = modelUri, ["version"] = version };
        if (format is not null)
        {
            model["format"] = format;
        }
        var obj = GenericObject.Create(DeployedKind.ModelDeployment.Resource, name, ns);
        obj.Spec = new JsonObject { ["model"] = model };
        return obj;
    }

    /// <exception cref="ClientCommandException">Nothing to change, or an unknown reason (usage).</exception>
    public static JsonObject UpdatePatch(string? modelUri, string? version, string? format, string? reason)
    {
        if (modelUri is null && version is null && format is null)
        {
            throw new ClientCommandException(CliExitCodes.Usage, "nothing to update: give --model-uri and/or --version (or -f with the whole object)");
        }
        var spec = new JsonObject();
        var model = new JsonObject();
        if (modelUri is not null)
        {
            model["uri"] = modelUri;
        }
        if (version is not null)
        {
            model["version"] = version;
        }
        if (format is not null)
        {
            model["format"] = format;
        }
        spec["model"] = model;
        if (reason is not null)
        {
            spec["replacement"] = new JsonObject { ["reason"] = Reason(reason) };
        }
        return new JsonObject { ["spec"] = spec };
    }

    private static string Reason(string text)
    {
        var upper = text.Trim().ToUpperInvariant().Replace('-', '_');
        return ReasonNames.Contains(upper)
            ? upper
            : throw new ClientCommandException(CliExitCodes.Usage, $"--reason {text}: not a replacement reason (one of {string.Join(", ", ReasonNames)}; {nameof(ReplacementReason)} in the API)");
    }
}
