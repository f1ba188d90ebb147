namespace Modelship.Api.Schema;

/// <summary>One generated file: its name (no directory) and its content.</summary>
public sealed record GeneratedManifest(string FileName, string Content);
