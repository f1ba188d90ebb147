namespace Modelship.Telemetry.Series;

/// <summary>A stored copy of a tag list as the recording code passed it (order and value types included).</summary>
internal sealed class TagKey(KeyValuePair<string, object?>[] tags)
{
    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public int Hash { get; } = TagKeyComparer.Hash(tags);
}
