using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary><c>modelship deployments|pipelines list</c> (MLflow's list_deployments): a table of the namespace's objects, or a List with -o yaml|json.</summary>
internal static class ListCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var output = OutputFormatOption.Create();
        var selector = new Option<string?>("--selector", "-l") { Description = "Only objects with these labels, such as team=fraud" };
        var command = new Command("list", $"List the {kind.Kind}s of the namespace.") { output, selector };
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            using var session = ClusterSession.Open(cluster.Read(parse));
            var objects = session.Client.For(kind.Resource);
            var list = await session.CallAsync(kind, null, () => objects.ListAllAsync(
                session.Namespace, new Kubernetes.Client.ListOptions { LabelSelector = parse.GetValue(selector) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var items = list.Items.OrderBy(o => o.Metadata.Name, StringComparer.Ordinal).ToList();
            var format = parse.GetValue(output);
            if (format == OutputFormat.Table)
            {
                if (items.Count == 0)
                {
                    await io.Error.WriteLineAsync($"No {kind.Kind}s found in namespace \"{session.Namespace}\".").ConfigureAwait(false);
                }
                else
                {
                    await io.Output.WriteAsync(ObjectViews.List(kind, items, io.Now)).ConfigureAwait(false);
                }
            }
            else
            {
                await io.Output.WriteAsync(ObjectDocuments.Format(ObjectDocuments.ToJsonList(items), format)).ConfigureAwait(false);
            }
            return CliExitCodes.Success;
        });
        return command;
    }
}
