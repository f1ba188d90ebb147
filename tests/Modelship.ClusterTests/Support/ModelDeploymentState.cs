using System.Text.Json.Nodes;

namespace Modelship.ClusterTests.Support;

/// <summary>Reads a live ModelDeployment (kubectl's JSON) the way a user reads `kubectl get modeldeployment -o yaml`.</summary>
public sealed class ModelDeploymentState(JsonNode obj)
{
    public JsonNode Object => obj;

    public long Generation => obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    public long? ObservedGeneration => obj["status"]?["observedGeneration"]?.GetValue<long>();

    public bool HasStatus => obj["status"] is JsonObject;

    public bool SpecSuspended => obj["spec"]?["suspend"]?.GetValue<bool>() == true;

    public string? Phase => (string?)obj["status"]?["phase"];

    public string? ActiveVersion => (string?)obj["status"]?["activeModel"]?["version"];

    public string? PendingVersion => (string?)obj["status"]?["pendingModel"]?["version"];

    public long? RoutingGeneration => obj["status"]?["routingGeneration"]?.GetValue<long>();

    public string ResourceVersion => (string?)obj["metadata"]?["resourceVersion"] ?? "";

    public JsonNode? Condition(string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => (string?)c?["type"] == type);

    public bool IsTrue(string type) => (string?)Condition(type)?["status"] == "True";

    public string? Reason(string type) => (string?)Condition(type)?["reason"];

    /// <summary>Ready for the spec as it is now: the controller saw this generation and says Ready, nothing pending.</summary>
    public bool ReadyAndSettled => ObservedGeneration == Generation && IsTrue("Ready") && !IsTrue("Progressing") && PendingVersion is null;

    public override string ToString() =>
        $"generation {Generation}, observed {ObservedGeneration}, phase {Phase}, active {ActiveVersion}, pending {PendingVersion}, " +
        string.Join(", ", (obj["status"]?["conditions"] as JsonArray ?? []).Select(c => $"{c?["type"]}={c?["status"]}({c?["reason"]})"));
}
