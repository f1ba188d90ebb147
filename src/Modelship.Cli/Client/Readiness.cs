using System.Text.Json.Nodes;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Client;

public enum ReadinessState
{
    Waiting,
    Ready,
    Failed,
}

/// <summary>One look at an object for --wait: its state and a line for the person waiting.</summary>
public sealed record ReadinessObservation(ReadinessState State, string Description);

/// <summary>
/// Whether a ModelDeployment or Pipeline is ready to answer (pure, on the object as returned): the operator has seen
/// the current generation (<c>status.observedGeneration</c>), the phase is <c>Active</c> and the <c>Ready</c> condition
/// is True. Phase <c>Failed</c> for the current generation ends the wait with the Ready condition's message. Both
/// kinds share these status fields, so one rule serves both.
/// </summary>
public static class Readiness
{
    public static ReadinessObservation Observe(GenericObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var status = obj.Status;
        var generation = obj.Metadata.Generation;
        var observed = Long(status?["observedGeneration"]);
        var phase = Text(status?["phase"]);
        var ready = (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == "Ready");
        var progressing = (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == "Progressing");
        if (status is null || observed is null || (generation is not null && observed < generation))
        {
            return new(ReadinessState.Waiting, $"waiting for the operator to observe generation {generation?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}");
        }
        var readyMessage = ready is null ? null : $"{Text(ready["reason"])}: {Text(ready["message"])}".TrimEnd(' ', ':');
        if (phase == "Failed")
        {
            return new(ReadinessState.Failed, $"phase Failed{(readyMessage is null ? "" : " (" + readyMessage + ")")}");
        }
        if (phase == "Active" && Text(ready?["status"]) == "True")
        {
            return new(ReadinessState.Ready, $"phase Active, Ready{(Text(ready?["message"]) is { Length: > 0 } m ? " (" + m + ")" : "")}");
        }
        var why = Text(progressing?["status"]) == "True" && Text(progressing?["message"]) is { Length: > 0 } p ? p : readyMessage;
        return new(ReadinessState.Waiting, $"phase {phase ?? "none"}{(why is null ? "" : " (" + why + ")")}");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number
        : node is JsonValue v && v.TryGetValue<int>(out var small) ? small
        : null;
}
