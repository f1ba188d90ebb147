using System.CommandLine;
using Modelship.Api.Schema;
using Modelship.Operator.Rbac;

namespace Modelship.Cli.Commands;

/// <summary>
/// `modelship manifests`: writes the CRD YAML generated from the API types and the RBAC generated from the
/// controllers' [RbacRule] declarations (for config/ and the Helm chart), or checks the checked-in copies.
/// </summary>
public static class ManifestsCommand
{
    public static Command Create()
    {
        var output = new Option<string[]>("--output", "-o")
        {
            Description = "Directory to write the CRD files into; repeat for several directories",
            DefaultValueFactory = _ => ["crds"],
            AllowMultipleArgumentsPerToken = false,
        };
        var rbacOutput = new Option<string>("--rbac-output")
        {
            Description = "Directory to write the RBAC roles (role.yaml, leader_election_role.yaml) into",
            DefaultValueFactory = _ => "config/rbac",
        };
        var chart = new Option<string>("--chart")
        {
            Description = "Helm chart directory to write the CRDs (crds/) and the RBAC rules (templates/_rbac-rules.tpl) into",
            DefaultValueFactory = _ => "charts/modelship",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 and name each file that is missing or differs from what would be generated",
        };
        var command = new Command("manifests", "Generate the modelship.dev CustomResourceDefinitions from the C# API types and the operator's RBAC from its controllers (offline).")
        {
            output, rbacOutput, chart, check,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var crds = CrdManifests.Generate();
            var chartDirectory = parse.GetRequiredValue(chart);
            (IReadOnlyList<GeneratedManifest> Files, string[] Directories)[] outputs =
            [
                (crds, [.. parse.GetValue(output) ?? [], Path.Combine(chartDirectory, "crds")]),
                (RbacManifests.Generate(), [parse.GetRequiredValue(rbacOutput)]),
                ([RbacManifests.GenerateChartRules()], [Path.Combine(chartDirectory, "templates")]),
            ];
            var result = 0;
            foreach (var (files, directories) in outputs)
            {
                result = Math.Max(result, parse.GetValue(check)
                    ? await CheckAsync(files, directories, cancellationToken).ConfigureAwait(false)
                    : await WriteAsync(files, directories, cancellationToken).ConfigureAwait(false));
            }
            return result;
        });
        return command;
    }

    private static async Task<int> WriteAsync(IReadOnlyList<GeneratedManifest> manifests, string[] directories, CancellationToken cancellationToken)
    {
        foreach (var directory in directories)
        {
            Directory.CreateDirectory(directory);
            foreach (var manifest in manifests)
            {
                var path = Path.Combine(directory, manifest.FileName);
                await File.WriteAllTextAsync(path, manifest.Content, cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
            }
        }
        return 0;
    }

    private static async Task<int> CheckAsync(IReadOnlyList<GeneratedManifest> manifests, string[] directories, CancellationToken cancellationToken)
    {
        var stale = 0;
        foreach (var directory in directories)
        {
            foreach (var manifest in manifests)
            {
                var path = Path.Combine(directory, manifest.FileName);
                var current = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
                if (current == manifest.Content)
                {
                    continue;
                }
                stale++;
                await Console.Error.WriteLineAsync(current is null
                    ? $"modelship manifests: {path} is missing; run `make manifests`"
                    : $"modelship manifests: {path} differs from what is generated; run `make manifests`").ConfigureAwait(false);
            }
        }
        return stale == 0 ? 0 : 1;
    }
}
