using System.CommandLine;
using Modelship.Api.Schema;

namespace Modelship.Cli.Commands;

/// <summary>`modelship manifests`: writes the CRD YAML generated from the API types, or checks the checked-in copies.</summary>
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
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 and name each file that is missing or differs from what would be generated",
        };
        var command = new Command("manifests", "Generate the modelship.dev CustomResourceDefinitions from the C# API types (offline).")
        {
            output, check,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var manifests = CrdManifests.Generate();
            var directories = parse.GetValue(output) ?? [];
            return parse.GetValue(check)
                ? await CheckAsync(manifests, directories, cancellationToken).ConfigureAwait(false)
                : await WriteAsync(manifests, directories, cancellationToken).ConfigureAwait(false);
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
                    : $"modelship manifests: {path} differs from the generated CRD; run `make manifests`").ConfigureAwait(false);
            }
        }
        return stale == 0 ? 0 : 1;
    }
}
