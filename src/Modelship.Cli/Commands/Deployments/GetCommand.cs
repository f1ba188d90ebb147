using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary><c>modelship deployments|pipelines get NAME</c> (MLflow's get_deployment): a description, or the object with -o yaml|json.</summary>
internal static class GetCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var output = OutputFormatOption.Create();
        var command = new Command("get", kind == DeployedKind.ModelDeployment
            ? "Show a ModelDeployment: phase, endpoint, champion, challengers and shadows with their weights, conditions."
            : "Show a Pipeline: phase, endpoint, steps, conditions.")
        {
            output,
        };
        arguments.AddName(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var name = arguments.RequiredName(parse, kind);
            using var session = ClusterSession.Open(cluster.Read(parse));
            var objects = session.Client.For(kind.Resource);
            var obj = await session.CallAsync(kind, name, () => objects.GetAsync(session.Namespace, name, cancellationToken)).ConfigureAwait(false);
            var format = parse.GetValue(output);
            await io.Output.WriteAsync(format == OutputFormat.Table
                ? ObjectViews.Describe(kind, obj, io.Now)
                : ObjectDocuments.Format(ObjectDocuments.ToJson(obj), format)).ConfigureAwait(false);
            return CliExitCodes.Success;
        });
        return command;
    }
}
