using Modelship.Cli.Client;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// The writes of create and update: server-side apply under the field manager <c>modelship-cli</c> (like
/// <c>kubectl apply --server-side</c>), create refusing an object that exists (MLflow's create_deployment raises on a
/// name in use) and update one that does not; then the result line or the object, and --wait.
/// </summary>
internal static class ObjectWrites
{
    public static async Task<GenericObject> ApplyAsync(
        ClusterSession session, DeployedKind kind, GenericObject obj, bool mustExist, bool forceConflicts, CancellationToken cancellationToken)
    {
        var objects = session.Client.For(kind.Resource);
        var name = obj.Metadata.Name!;
        var ns = obj.Metadata.NamespaceProperty!;
        var existing = await session.CallAsync(kind, name, () => objects.GetOrNullAsync(ns, name, cancellationToken), ns).ConfigureAwait(false);
        if (existing is not null && !mustExist)
        {
            throw new ClientCommandException(CliExitCodes.Rejected, $"{kind.Noun} \"{name}\" already exists in namespace \"{ns}\" (use `modelship {kind.CommandName} update`)");
        }
        if (existing is null && mustExist)
        {
            throw new ClientCommandException(CliExitCodes.NotFound, $"{kind.Noun} \"{name}\" not found in namespace \"{ns}\" (use `modelship {kind.CommandName} create`)");
        }
        var options = new ApplyOptions { FieldManager = ClusterSession.FieldManager, Force = forceConflicts };
        return await session.CallAsync(kind, name, () => objects.ApplyAsync(obj, options, cancellationToken), ns).ConfigureAwait(false);
    }

    /// <summary>Prints <c>kind/name verb</c> (table) or the objects (yaml, json), after waiting for them when asked.</summary>
    public static async Task<int> FinishAsync(
        ClusterSession session, DeployedKind kind, IReadOnlyList<GenericObject> written, string verb, OutputFormat format, TimeSpan? wait, CommandIo io,
        CancellationToken cancellationToken)
    {
        var final = new List<GenericObject>();
        foreach (var obj in written)
        {
            if (format == OutputFormat.Table)
            {
                await io.Output.WriteLineAsync($"{kind.Noun}/{obj.Metadata.Name} {verb}").ConfigureAwait(false);
            }
            if (wait is { } timeout)
            {
                var waiter = new ObjectWaiter(session.Client.For(kind.Resource), kind, io.Error);
                final.Add(await session.CallAsync(kind, obj.Metadata.Name,
                    () => waiter.UntilReadyAsync(obj.Metadata.NamespaceProperty!, obj.Metadata.Name!, timeout, cancellationToken), obj.Metadata.NamespaceProperty).ConfigureAwait(false));
            }
            else
            {
                final.Add(obj);
            }
        }
        if (format != OutputFormat.Table)
        {
            var document = final.Count == 1 ? ObjectDocuments.ToJson(final[0]) : ObjectDocuments.ToJsonList(final);
            await io.Output.WriteAsync(ObjectDocuments.Format(document, format)).ConfigureAwait(false);
        }
        return CliExitCodes.Success;
    }
}
