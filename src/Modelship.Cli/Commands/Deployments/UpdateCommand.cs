using System.CommandLine;
using Modelship.Cli.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// <c>modelship deployments|pipelines update</c> (MLflow's update_deployment): <c>-f</c> applies the whole object
/// (server-side, like create, but it must exist); for a ModelDeployment <c>NAME --model-uri --version [--reason]</c>
/// changes only the champion's model, which the operator rolls out with zero downtime. <c>--wait</c> blocks until
/// the new generation is Active and Ready.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var file = new Option<string?>("--file", "-f") { Description = $"Manifest with the {kind.Kind}(s) to update (YAML or JSON; - reads stdin)" };
        var force = new Option<bool>("--force-conflicts") { Description = "With -f: take over fields another field manager owns (kubectl apply --server-side --force-conflicts)" };
        var flags = new ModelFlags();
        var output = OutputFormatOption.Create("Print the updated objects as yaml or json (default: one line each)");
        var command = new Command("update", kind == DeployedKind.ModelDeployment
            ? "Update ModelDeployments: apply -f, or change the champion's model (--model-uri, --version, --reason), which starts a zero-downtime replacement."
            : "Update Pipelines: apply -f (server-side apply).")
        {
            file, force, output,
        };
        arguments.AddName(command);
        if (kind == DeployedKind.ModelDeployment)
        {
            flags.AddTo(command, withReason: true);
        }
        arguments.AddWait(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var selection = cluster.Read(parse);
            var path = parse.GetValue(file);
            var name = arguments.OptionalName(parse);
            var wait = parse.GetValue(arguments.Wait) ? arguments.WaitTimeout(parse) : (TimeSpan?)null;
            using var session = ClusterSession.Open(selection);
            var written = new List<GenericObject>();
            if (path is not null)
            {
                if (name is not null || flags.Given(parse))
                {
                    throw new ClientCommandException(CliExitCodes.Usage, "give either -f or a name with flags, not both");
                }
                var manifest = ManifestDocuments.Select(ManifestDocuments.ReadText(path), path, kind, session.Namespace, selection.Namespace);
                foreach (var obj in manifest.Objects)
                {
                    written.Add(await ObjectWrites.ApplyAsync(session, kind, obj, mustExist: true, parse.GetValue(force), cancellationToken).ConfigureAwait(false));
                }
            }
            else if (kind == DeployedKind.ModelDeployment && name is not null)
            {
                var patch = ModelChange.UpdatePatch(parse.GetValue(flags.ModelUri), parse.GetValue(flags.Version), parse.GetValue(flags.Format), parse.GetValue(flags.Reason));
                var objects = session.Client.For(kind.Resource);
                written.Add(await session.CallAsync(kind, name,
                    () => objects.MergePatchAsync(session.Namespace, name, patch, ClusterSession.FieldManager, cancellationToken)).ConfigureAwait(false));
            }
            else
            {
                throw new ClientCommandException(CliExitCodes.Usage, kind == DeployedKind.ModelDeployment
                    ? "give -f manifest.yaml, or NAME with --model-uri and/or --version"
                    : "give -f pipeline.yaml");
            }
            return await ObjectWrites.FinishAsync(session, kind, written, "updated", parse.GetValue(output), wait, io, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
