namespace Modelship.Api.Schema;

/// <summary>A column of <c>kubectl get</c> (an <c>additionalPrinterColumns</c> entry).</summary>
/// <param name="Name">Column header.</param>
/// <param name="Type">OpenAPI type of the value: string, integer, number, boolean or date.</param>
/// <param name="JsonPath">Simple JSONPath into the object.</param>
/// <param name="Description">What the column shows.</param>
/// <param name="Priority">0 shows the column always; higher shows it only with <c>-o wide</c>.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0);
