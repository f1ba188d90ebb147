namespace Modelship.Api.Schema;

/// <summary>
/// The property is the object's <c>metadata</c>. The API server owns its schema and rejects a CRD that says more
/// than <c>type: object</c> about it (even a description), so that is all the generator writes.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedObjectMetaAttribute : Attribute;
