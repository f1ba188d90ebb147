namespace Modelship.Api.Schema;

/// <summary>
/// The property is the object's <c>metadata</c>. The API server owns its schema, so the CRD states only
/// <c>type: object</c> for it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EmbeddedObjectMetaAttribute : Attribute;
