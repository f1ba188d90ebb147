using Modelship.Api.V1Alpha1;

namespace Modelship.Cli.LocalRun;

/// <summary>Where a model of a local run is on disk: file:///absolute, or file://./relative to the manifest.</summary>
public static class LocalModelPath
{
    public static string Resolve(ModelSpec model, string manifestDirectory)
    {
        ArgumentNullException.ThrowIfNull(model);
        return TryResolve(model.Uri, manifestDirectory) ?? throw new LocalRunException(
            $"model version {model.Version}: `modelship run` serves models from files (file:///path or file://./path relative to the manifest), not '{model.Uri}'");
    }

    /// <summary>The drift reference profile of a local run: a file, like the models.</summary>
    public static string ResolveDriftReference(DriftReference reference, string manifestDirectory)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.ConfigMap is not null)
        {
            throw new LocalRunException(
                "spec.monitoring.drift.reference.configMap names a ConfigMap, which exists only in a cluster; for `modelship run` give the profile as uri: file:///path or file://./path relative to the manifest");
        }
        return TryResolve(reference.Uri ?? "", manifestDirectory) ?? throw new LocalRunException(
            $"spec.monitoring.drift.reference.uri: `modelship run` reads the profile from a file (file:///path or file://./path relative to the manifest), not '{reference.Uri}'");
    }

    private static string? TryResolve(string location, string manifestDirectory)
    {
        const string relative = "file://./";
        if (location.StartsWith(relative, StringComparison.Ordinal))
        {
            return Path.GetFullPath(Path.Combine(manifestDirectory, Uri.UnescapeDataString(location[relative.Length..])));
        }

        return Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile && string.IsNullOrEmpty(uri.Host) ? uri.LocalPath : null;
    }
}
