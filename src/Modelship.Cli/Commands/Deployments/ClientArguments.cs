using System.CommandLine;
using Modelship.Api.Validation;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>The arguments the client commands share: the object's name (positional or --name), -f, --wait and --timeout.</summary>
internal sealed class ClientArguments
{
    public Argument<string?> Name { get; } = new("NAME") { Description = "The object's name", Arity = ArgumentArity.ZeroOrOne };

    public Option<string?> NameOption { get; } = new("--name") { Description = "The object's name (instead of the NAME argument)" };

    public Option<bool> Wait { get; } = new("--wait") { Description = "Wait until the object is ready (Active and Ready; deleted for delete), printing progress" };

    public Option<string> Timeout { get; } = new("--timeout") { Description = "How long --wait waits, such as 90s or 10m", DefaultValueFactory = _ => "5m" };

    public void AddName(Command command)
    {
        command.Arguments.Add(Name);
        command.Options.Add(NameOption);
    }

    public void AddWait(Command command)
    {
        command.Options.Add(Wait);
        command.Options.Add(Timeout);
    }

    /// <exception cref="ClientCommandException">No name, or two different ones (usage).</exception>
    public string RequiredName(ParseResult parse, DeployedKind kind) =>
        OptionalName(parse) ?? throw new ClientCommandException(CliExitCodes.Usage, $"give the {kind.Noun}'s name: modelship {kind.CommandName} {parse.CommandResult.Command.Name} NAME");

    public string? OptionalName(ParseResult parse)
    {
        var positional = parse.GetValue(Name);
        var option = parse.GetValue(NameOption);
        if (positional is not null && option is not null && positional != option)
        {
            throw new ClientCommandException(CliExitCodes.Usage, $"two names given: {positional} and --name {option}");
        }
        return positional ?? option;
    }

    public TimeSpan WaitTimeout(ParseResult parse)
    {
        var text = parse.GetValue(Timeout);
        return DurationParser.TryParse(text, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new ClientCommandException(CliExitCodes.Usage, $"--timeout {text}: not a duration such as 90s, 5m or 1h");
    }
}
