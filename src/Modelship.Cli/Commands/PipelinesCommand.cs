using System.CommandLine;
using Modelship.Cli.Client;
using Modelship.Cli.Commands.Deployments;

namespace Modelship.Cli.Commands;

/// <summary>`modelship pipelines ...`: Pipelines through the same verbs as `modelship deployments` (docs/cli.md).</summary>
public static class PipelinesCommand
{
    public static Command Create() => ClientCommandGroup.Create(
        DeployedKind.Pipeline,
        "Create, update, delete, get, list Pipelines in the current kubeconfig context, ask them for predictions and read their inference log.");
}
