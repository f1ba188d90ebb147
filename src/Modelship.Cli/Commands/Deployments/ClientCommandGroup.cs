using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// The verbs of the MLflow deployments client for one kind: create, update, delete, get, list, predict, logs, and
/// run-local (`modelship run`), with --kubeconfig, --context and -n on every one of them.
/// </summary>
internal static class ClientCommandGroup
{
    public static Command Create(DeployedKind kind, string description)
    {
        var cluster = new ClusterOptions();
        var group = new Command(kind.CommandName, description);
        cluster.AddTo(group);
        group.Subcommands.Add(CreateCommand.Create(kind, cluster));
        group.Subcommands.Add(UpdateCommand.Create(kind, cluster));
        group.Subcommands.Add(DeleteCommand.Create(kind, cluster));
        group.Subcommands.Add(GetCommand.Create(kind, cluster));
        group.Subcommands.Add(ListCommand.Create(kind, cluster));
        group.Subcommands.Add(PredictCommand.Create(kind, cluster));
        group.Subcommands.Add(LogsQueryCommand.Create(kind, cluster));
        group.Subcommands.Add(RunCommand.Create("run-local"));
        return group;
    }
}
