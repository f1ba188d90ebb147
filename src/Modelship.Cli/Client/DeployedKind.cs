using Modelship.Kubernetes.Models;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using PL = Modelship.Api.V1Alpha1.Pipeline;

namespace Modelship.Cli.Client;

/// <summary>The two kinds the client manages: what they are called on the command line, in messages and in the API.</summary>
/// <param name="Resource">Where the kind lives in the API.</param>
/// <param name="Noun">Lower-case singular, as kubectl names it in messages: <c>modeldeployment "x" not found</c>.</param>
/// <param name="CommandName">The command group: <c>modelship deployments</c>, <c>modelship pipelines</c>.</param>
public sealed record DeployedKind(ResourceType Resource, string Noun, string CommandName)
{
    public static DeployedKind ModelDeployment { get; } = new(MD.Resource, MD.Singular, "deployments");

    public static DeployedKind Pipeline { get; } = new(PL.Resource, PL.Singular, "pipelines");

    public string Kind => Resource.Kind;
}
