using System.CommandLine;
using Modelship.Serving.InferenceLog;

namespace Modelship.Cli.Commands;

/// <summary>
/// --start, --end and --valid: which inference log entries a command reads, the same options for `modelship logs
/// export` (files) and `modelship deployments|pipelines logs` (a router's /v2/logs), checked by
/// <see cref="InferenceLogQuery.TryParse"/> as the router checks them.
/// </summary>
internal sealed class InferenceLogQueryOptions
{
    public Option<string?> Start { get; } = new("--start") { Description = "First time to include, ISO 8601 (inclusive; default: the beginning)" };

    public Option<string?> End { get; } = new("--end") { Description = "Time to stop at, ISO 8601 (exclusive; default: now and later)" };

    public Option<bool?> Valid { get; } = new("--valid") { Description = "Only valid (true) or only failed (false) entries" };

    public void AddTo(Command command)
    {
        command.Options.Add(Start);
        command.Options.Add(End);
        command.Options.Add(Valid);
    }

    /// <summary>The query parameters by name, null when not given.</summary>
    public Dictionary<string, string?> Parameters(ParseResult parse) => new()
    {
        ["start"] = parse.GetValue(Start),
        ["end"] = parse.GetValue(End),
        ["valid"] = parse.GetValue(Valid) is { } only ? (only ? "true" : "false") : null,
    };

    /// <summary>Why the parameters are not a valid query, or null.</summary>
    public static string? Problem(IReadOnlyDictionary<string, string?> parameters) =>
        InferenceLogQuery.TryParse(name => parameters.GetValueOrDefault(name), out _, out var error) ? null : error;

    public static bool TryParse(IReadOnlyDictionary<string, string?> parameters, out InferenceLogQuery query, out string? error) =>
        InferenceLogQuery.TryParse(name => parameters.GetValueOrDefault(name), out query, out error);

    /// <summary><c>?start=...&amp;valid=...</c> of the given parameters, or empty.</summary>
    public static string QueryString(IReadOnlyDictionary<string, string?> parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }
}
