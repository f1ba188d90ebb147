using System.CommandLine;
using Modelship.Cli.Client;
using Modelship.Kubernetes.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// <c>modelship deployments|pipelines delete NAME</c> (MLflow's delete_deployment): idempotent, so a name that does
/// not exist is reported but not an error (exit 0); <c>--wait</c> blocks until the object is gone (its children go
/// with it through owner references).
/// </summary>
internal static class DeleteCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var command = new Command("delete", $"Delete a {kind.Kind} (idempotent: a missing one is not an error).");
        arguments.AddName(command);
        arguments.AddWait(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var name = arguments.RequiredName(parse, kind);
            var wait = parse.GetValue(arguments.Wait) ? arguments.WaitTimeout(parse) : (TimeSpan?)null;
            using var session = ClusterSession.Open(cluster.Read(parse));
            var objects = session.Client.For(kind.Resource);
            var deleted = await session.CallAsync(kind, name, async () =>
            {
                try
                {
                    await objects.DeleteAsync(session.Namespace, name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken).ConfigureAwait(false);
                    return true;
                }
                catch (KubernetesApiException e) when (e.IsNotFound)
                {
                    return false;
                }
            }).ConfigureAwait(false);
            if (!deleted)
            {
                await io.Output.WriteLineAsync($"{kind.Noun}/{name} not found in namespace \"{session.Namespace}\" (nothing to delete)").ConfigureAwait(false);
                return CliExitCodes.Success;
            }
            if (wait is { } timeout)
            {
                var waiter = new ObjectWaiter(objects, kind, io.Error);
                await session.CallAsync(kind, name, async () =>
                {
                    await waiter.UntilGoneAsync(session.Namespace, name, timeout, cancellationToken).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }
            await io.Output.WriteLineAsync($"{kind.Noun}/{name} deleted").ConfigureAwait(false);
            return CliExitCodes.Success;
        });
        return command;
    }
}
