using System.CommandLine;

namespace Modelship.Cli.Client;

/// <summary><c>-o table|yaml|json</c>: a table for people, the object (or the model's answer) for scripts.</summary>
public enum OutputFormat
{
    Table,
    Yaml,
    Json,
}

public static class OutputFormatOption
{
    public static Option<OutputFormat> Create(string description = "Output format: table, yaml or json") =>
        new("--output", "-o") { Description = description, DefaultValueFactory = _ => OutputFormat.Table };
}
