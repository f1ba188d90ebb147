using System.CommandLine;
using Modelship.Cli.Client;

namespace Modelship.Cli.Commands.Deployments;

/// <summary>
/// <c>modelship deployments|pipelines create</c> (MLflow's create_deployment): from <c>-f</c>, or for a
/// ModelDeployment from <c>NAME --model-uri --version</c>; refuses a name in use; <c>--wait</c> blocks until it serves.
/// </summary>
internal static class CreateCommand
{
    public static Command Create(DeployedKind kind, ClusterOptions cluster)
    {
        var arguments = new ClientArguments();
        var file = new Option<string?>("--file", "-f") { Description = $"Manifest with the {kind.Kind}(s) to create (YAML or JSON, several documents; - reads stdin)" };
        var flags = new ModelFlags();
        var output = OutputFormatOption.Create("Print the created objects as yaml or json (default: one line each)");
        var command = new Command("create", $"Create {kind.Kind}s with server-side apply (field manager {ClusterSession.FieldManager}); fails if one exists.") { file, output };
        arguments.AddName(command);
        if (kind == DeployedKind.ModelDeployment)
        {
            flags.AddTo(command, withReason: false);
        }
        arguments.AddWait(command);
        ClientCommandAction.Set(command, kind, async (parse, io, cancellationToken) =>
        {
            var selection = cluster.Read(parse);
            var path = parse.GetValue(file);
            var name = arguments.OptionalName(parse);
            var wait = parse.GetValue(arguments.Wait) ? arguments.WaitTimeout(parse) : (TimeSpan?)null;
            using var session = ClusterSession.Open(selection);
            IReadOnlyList<Kubernetes.Models.GenericObject> objects;
            if (path is not null)
            {
                if (name is not null || flags.Given(parse))
                {
                    throw new ClientCommandException(CliExitCodes.Usage, "give either -f or a name with flags, not both");
                }
                var manifest = ManifestDocuments.Select(ManifestDocuments.ReadText(path), path, kind, session.Namespace, selection.Namespace);
                objects = manifest.Objects;
            }
            else if (kind == DeployedKind.ModelDeployment && name is not null)
            {
                var (uri, version, format) = flags.ReadForCreate(parse);
                objects = [ModelChange.NewDeployment(name, session.Namespace, uri, version, format)];
            }
            else
            {
                throw new ClientCommandException(CliExitCodes.Usage, kind == DeployedKind.ModelDeployment
                    ? "give -f manifest.yaml, or NAME --model-uri URI --version VERSION"
                    : "give -f pipeline.yaml");
            }
            var written = new List<Kubernetes.Models.GenericObject>();
            foreach (var obj in objects)
            {
                written.Add(await ObjectWrites.ApplyAsync(session, kind, obj, mustExist: false, forceConflicts: false, cancellationToken).ConfigureAwait(false));
            }
            return await ObjectWrites.FinishAsync(session, kind, written, "created", parse.GetValue(output), wait, io, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
