using System.CommandLine;
using Modelship.Cli.Commands;

namespace Modelship.Cli;

/// <summary>The root of the `modelship` executable; every role is a subcommand.</summary>
public static class ModelshipCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Modelship: deploy machine-learning models on Kubernetes and keep them healthy.");
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RuntimeCommand.Create());
        root.Subcommands.Add(ManifestsCommand.Create());
        root.Subcommands.Add(RouterCommand.Create());
        root.Subcommands.Add(OperatorCommand.Create());
        root.Subcommands.Add(LogsCommand.Create());
        root.Subcommands.Add(ProfileCommand.Create());
        root.Subcommands.Add(SleepCommand.Create());
        root.Subcommands.Add(LoadgenCommand.Create());
        root.Subcommands.Add(DeploymentsCommand.Create());
        root.Subcommands.Add(PipelinesCommand.Create());
        return root;
    }
}
