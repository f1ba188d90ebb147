namespace Modelship.Api.Routing;

/// <summary>The invariants of a <see cref="RoutingTable"/>, each broken one reported as a sentence.</summary>
public static class RoutingTableValidator
{
    public static IReadOnlyList<string> Validate(RoutingTable table)
    {
        var errors = new List<string>();
        if (table.Generation < 0)
        {
            errors.Add($"generation must not be negative (got {table.Generation})");
        }
        if (string.IsNullOrWhiteSpace(table.ModelName))
        {
            errors.Add("modelName must not be empty");
        }
        if (table.PredictionDefaults is { } defaults)
        {
            errors.AddRange(defaults.Problems("predictionDefaults"));
        }
        if (table.Pipeline is { } pipeline)
        {
            RoutingPipelineValidator.Validate(table, pipeline, errors);
            ValidateLog(table, errors);
            MonitoringSettingsValidator.Validate(table.Monitoring, errors);
            return errors;
        }
        ValidateBackends(table.Backends ?? [], errors);
        var backendsByName = (table.Backends ?? [])
            .Where(b => b?.Name is not null)
            .GroupBy(b => b.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (table.StickyKey is { } sticky && string.IsNullOrWhiteSpace(sticky.Name))
        {
            errors.Add("stickyKey.name must not be empty");
        }
        if (table.StickyKey is { } stickySource && !Enum.IsDefined(stickySource.Source))
        {
            errors.Add("stickyKey.source must be header or input");
        }
        if (table.KeySplit is { } keySplit)
        {
            ValidateKeySplit(keySplit, backendsByName, errors);
        }
        foreach (var bound in table.PredictionWarnings ?? [])
        {
            ValidateBound(bound, errors);
        }
        ValidateLog(table, errors);
        MonitoringSettingsValidator.Validate(table.Monitoring, errors);
        return errors;
    }

    private static void ValidateLog(RoutingTable table, List<string> errors)
    {
        if (table.Log is { } log && (double.IsNaN(log.SampleRate) || log.SampleRate < 0 || log.SampleRate > 1))
        {
            errors.Add($"log.sampleRate must be between 0 and 1 (got {log.SampleRate})");
        }
    }

    private static void ValidateBackends(IReadOnlyList<RoutingBackend> backends, List<string> errors)
    {
        if (backends.Count == 0)
        {
            errors.Add("backends must not be empty");
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var versions = new HashSet<string>(StringComparer.Ordinal);
        var champions = 0;
        var challengerWeight = 0;
        for (var i = 0; i < backends.Count; i++)
        {
            var backend = backends[i];
            if (backend is null)
            {
                errors.Add($"backends[{i}] must not be null");
                continue;
            }
            var label = string.IsNullOrWhiteSpace(backend.Name) ? $"backends[{i}]" : $"backend '{backend.Name}'";
            if (string.IsNullOrWhiteSpace(backend.Name))
            {
                errors.Add($"{label}: name must not be empty");
            }
            else if (!names.Add(backend.Name))
            {
                errors.Add($"{label}: name is used by more than one backend");
            }
            if (string.IsNullOrWhiteSpace(backend.Version))
            {
                errors.Add($"{label}: version must not be empty");
            }
            else if (!versions.Add(backend.Version))
            {
                errors.Add($"{label}: version '{backend.Version}' is used by more than one backend");
            }
            if (string.IsNullOrWhiteSpace(backend.ModelName))
            {
                errors.Add($"{label}: modelName must not be empty");
            }
            if (!Uri.TryCreate(backend.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{label}: url must be an absolute http or https URL (got '{backend.Url}')");
            }
            if (backend.Weight is < 0 or > 100)
            {
                errors.Add($"{label}: weight must be between 0 and 100 (got {backend.Weight})");
            }
            switch (backend.Role)
            {
                case BackendRole.Champion:
                    champions++;
                    break;
                case BackendRole.Challenger:
                    challengerWeight += Math.Clamp(backend.Weight, 0, 100);
                    break;
                case BackendRole.Shadow when backend.Weight != 0:
                    errors.Add($"{label}: a shadow receives a copy of every request and takes no weight (got {backend.Weight})");
                    break;
                case BackendRole.Shadow:
                    break;
                default:
                    errors.Add($"{label}: role must be champion, challenger or shadow");
                    break;
            }
        }
        if (champions != 1)
        {
            errors.Add($"exactly one backend must be the champion (found {champions})");
        }
        if (challengerWeight > 100)
        {
            errors.Add($"challenger weights must sum to at most 100 (got {challengerWeight})");
        }
        var champion = backends.FirstOrDefault(b => b?.Role == BackendRole.Champion);
        if (champions == 1 && challengerWeight <= 100 && champion!.Weight != 0 && champion.Weight != 100 - challengerWeight)
        {
            errors.Add($"champion '{champion.Name}': weight must be 0 or the rest after the challengers ({100 - challengerWeight}), got {champion.Weight}");
        }
    }

    private static void ValidateKeySplit(KeySplitRule keySplit, Dictionary<string, RoutingBackend> backendsByName, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(keySplit.Name))
        {
            errors.Add("keySplit.name must not be empty");
        }
        if (!Enum.IsDefined(keySplit.Source))
        {
            errors.Add("keySplit.source must be header or input");
        }
        foreach (var (value, target) in keySplit.Routes ?? new Dictionary<string, string>())
        {
            CheckTarget($"keySplit.routes['{value}']", target, backendsByName, errors);
        }
        if (keySplit.Default is not null)
        {
            CheckTarget("keySplit.default", keySplit.Default, backendsByName, errors);
        }
    }

    private static void CheckTarget(string field, string target, Dictionary<string, RoutingBackend> backendsByName, List<string> errors)
    {
        if (!backendsByName.TryGetValue(target ?? "", out var backend))
        {
            errors.Add($"{field} names backend '{target}', which is not in the table");
        }
        else if (backend.Role == BackendRole.Shadow)
        {
            errors.Add($"{field} names shadow '{target}'; a shadow never answers callers");
        }
    }

    private static void ValidateBound(PredictionBound bound, List<string> errors)
    {
        if (bound is null)
        {
            errors.Add("predictionWarnings must not contain null");
            return;
        }
        if (string.IsNullOrWhiteSpace(bound.Output))
        {
            errors.Add("predictionWarnings: output must not be empty");
        }
        if (bound.Min is null && bound.Max is null)
        {
            errors.Add($"predictionWarnings['{bound.Output}']: set min, max or both");
        }
        if (bound.Min is { } min && bound.Max is { } max && min > max)
        {
            errors.Add($"predictionWarnings['{bound.Output}']: min ({min}) is greater than max ({max})");
        }
    }
}
