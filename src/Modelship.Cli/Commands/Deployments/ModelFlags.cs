using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>--model-uri, --version, --format and --reason: the champion's model without a manifest.</summary>
internal sealed class ModelFlags
{
    public Option<string?> ModelUri { get; } = new("--model-uri") { Description = "The champion's model: file:///..., pvc://claim/path, http(s)://... or s3://bucket/key" };

    public Option<string?> Version { get; } = new("--version") { Description = "The model's version label, such as v2 (unique among the deployment's versions)" };

    public Option<string?> Format { get; } = new("--format") { Description = "The model's format: onnx (default) or custom" };

    public Option<string?> Reason { get; } = new("--reason") { Description = $"Why the champion is replaced, recorded in its history: {string.Join(", ", ModelChange.ReasonNames)}" };

    private bool _withReason;

    public void AddTo(Command command, bool withReason)
    {
        _withReason = withReason;
        command.Options.Add(ModelUri);
        command.Options.Add(Version);
        command.Options.Add(Format);
        if (withReason)
        {
            command.Options.Add(Reason);
        }
    }

    public bool Given(ParseResult parse) =>
        parse.GetValue(ModelUri) is not null || parse.GetValue(Version) is not null || parse.GetValue(Format) is not null || (_withReason && parse.GetValue(Reason) is not null);

    public (string Uri, string Version, string? Format) ReadForCreate(ParseResult parse) =>
        (parse.GetValue(ModelUri) ?? throw new ClientCommandException(CliExitCodes.Usage, "--model-uri is required to create from flags"),
         parse.GetValue(Version) ?? throw new ClientCommandException(CliExitCodes.Usage, "--version is required to create from flags"),
         parse.GetValue(Format));
}
