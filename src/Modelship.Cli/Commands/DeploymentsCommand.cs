using System.CommandLine;
using Modelship.Cli.Client;
using Modelship.Cli.Commands.Deployments;

namespace Modelship.Cli.Commands;

/// <summary>`modelship deployments ...`: ModelDeployments through the MLflow deployments client contract (docs/cli.md).</summary>
public static class DeploymentsCommand
{
    public static Command Create() => ClientCommandGroup.Create(
        DeployedKind.ModelDeployment,
        "Create, update, delete, get, list ModelDeployments in the current kubeconfig context, ask them for predictions and read their inference log.");
}
