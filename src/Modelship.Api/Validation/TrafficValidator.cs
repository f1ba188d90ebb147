using System.Text.RegularExpressions;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>The rules of spec.traffic: names, versions, weights, sticky key and key split.</summary>
internal static partial class TrafficValidator
{
    public static void Validate(ModelSpec? champion, TrafficSpec traffic, ErrorList errors)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ModelDeploymentDefaults.ChampionName] = "spec.model",
            [ModelDeploymentDefaults.CanaryName] = "spec.rollout",
        };
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(champion?.Version))
        {
            versions[champion.Version] = "spec.model";
        }
        var answering = new HashSet<string>(StringComparer.Ordinal) { ModelDeploymentDefaults.ChampionName };
        var challengers = traffic.Challengers ?? [];
        var weightSum = 0;
        var sumReported = false;
        for (var i = 0; i < challengers.Count; i++)
        {
            var path = $"spec.traffic.challengers[{i}]";
            var challenger = challengers[i];
            CheckBackend(path, challenger.Name, challenger.Model, champion, names, versions, errors);
            answering.Add(challenger.Name ?? "");
            if (challenger.Weight is < 0 or > 100)
            {
                errors.Add($"{path}.weight", $"must be between 0 and 100 (got {challenger.Weight})");
                continue;
            }
            weightSum += challenger.Weight;
            if (weightSum > 100 && !sumReported)
            {
                errors.Add($"{path}.weight", $"challenger weights add up to {weightSum} here, more than 100; the champion answers what the challengers leave");
                sumReported = true;
            }
        }
        var shadows = traffic.Shadows ?? [];
        for (var i = 0; i < shadows.Count; i++)
        {
            CheckBackend($"spec.traffic.shadows[{i}]", shadows[i].Name, shadows[i].Model, champion, names, versions, errors);
        }
        CheckKey("spec.traffic.stickyKey", traffic.StickyKey?.Source, traffic.StickyKey?.Name, traffic.StickyKey is not null, errors);
        if (traffic.KeySplit is { } keySplit)
        {
            CheckKey("spec.traffic.keySplit", keySplit.Source, keySplit.Name, present: true, errors);
            CheckKeySplitTargets(keySplit, names, answering, errors);
        }
    }

    private static void CheckBackend(
        string path,
        string? name,
        ModelSpec? model,
        ModelSpec? champion,
        Dictionary<string, string> names,
        Dictionary<string, string> versions,
        ErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add($"{path}.name", "is required");
        }
        else if (name.Length > 40 || !BackendNameSyntax().IsMatch(name))
        {
            errors.Add($"{path}.name", $"'{name}' must be a DNS label of at most 40 characters (lowercase letters, digits and '-')");
        }
        else if (names.TryGetValue(name, out var owner))
        {
            errors.Add($"{path}.name", owner switch
            {
                "spec.model" => $"'{name}' is reserved for the champion (spec.model)",
                "spec.rollout" => $"'{name}' is reserved for the new version during a rollout (spec.rollout)",
                _ => $"'{name}' is already used by {owner}",
            });
        }
        else
        {
            names[name] = path;
        }
        if (model is null)
        {
            errors.Add($"{path}.model", "is required");
            return;
        }
        ModelDeploymentValidator.ValidateModel($"{path}.model", model, errors);
        if (champion is not null && string.Equals(model.Uri, champion.Uri, StringComparison.Ordinal)
            && string.Equals(model.Version, champion.Version, StringComparison.Ordinal))
        {
            errors.Add($"{path}.model", $"is the champion itself (same uri and version '{model.Version}'); a challenger or shadow must be another model");
        }
        else if (!string.IsNullOrWhiteSpace(model.Version))
        {
            if (versions.TryGetValue(model.Version, out var versionOwner))
            {
                errors.Add($"{path}.model.version", $"'{model.Version}' is already used by {versionOwner}; versions must be unique");
            }
            else
            {
                versions[model.Version] = path;
            }
        }
    }

    private static void CheckKey(string path, TrafficKeySource? source, string? name, bool present, ErrorList errors)
    {
        if (!present)
        {
            return;
        }
        if (source is { } s && !Enum.IsDefined(s))
        {
            errors.Add($"{path}.source", $"unknown source '{s}'; use header or input");
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add($"{path}.name", "is required");
        }
    }

    private static void CheckKeySplitTargets(KeySplitSpec keySplit, Dictionary<string, string> names, HashSet<string> answering, ErrorList errors)
    {
        var routes = keySplit.Routes ?? [];
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < routes.Count; i++)
        {
            var path = $"spec.traffic.keySplit.routes[{i}]";
            if (!values.Add(routes[i].Value ?? ""))
            {
                errors.Add($"{path}.value", $"'{routes[i].Value}' has more than one route");
            }
            CheckTarget($"{path}.target", routes[i].Target, names, answering, errors);
        }
        if (keySplit.Default is { } fallback)
        {
            CheckTarget("spec.traffic.keySplit.default", fallback, names, answering, errors);
        }
    }

    private static void CheckTarget(string path, string? target, Dictionary<string, string> names, HashSet<string> answering, ErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(target) || !names.ContainsKey(target))
        {
            errors.Add(path, $"'{target}' is neither the champion nor a challenger");
        }
        else if (!answering.Contains(target))
        {
            errors.Add(path, $"'{target}' is a shadow; shadows never answer callers");
        }
    }

    [GeneratedRegex(BackendName.Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex BackendNameSyntax();
}
