namespace Modelship.Api.Schema;

/// <summary>
/// Marks a list of objects as a map keyed by the given properties (<c>x-kubernetes-list-type: map</c>), so server-side
/// apply merges items by key instead of replacing the whole list. The key properties must be required.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}
