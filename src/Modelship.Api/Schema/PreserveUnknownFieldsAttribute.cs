namespace Modelship.Api.Schema;

/// <summary>
/// The property is an embedded object the CRD does not describe (such as a batch/v1 JobTemplateSpec, whose schema
/// our generator cannot derive): <c>type: object</c> with <c>x-kubernetes-preserve-unknown-fields: true</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
