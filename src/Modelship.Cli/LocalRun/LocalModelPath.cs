using Modelship.Api.V1Alpha1;

namespace Modelship.Cli.LocalRun;

/// <summary>Where a model of a local run is on disk: file:///absolute, or file://./relative to the manifest.</summary>
public static class LocalModelPath
{
    public static string Resolve(ModelSpec model, string manifestDirectory)
    {
        const string relative = "file://./";
        if (model.Uri.StartsWith(relative, StringComparison.Ordinal))
        {
            return Path.GetFullPath(Path.Combine(manifestDirectory, Uri.UnescapeDataString(model.Uri[relative.Length..])));
        }

        if (Uri.TryCreate(model.Uri, UriKind.Absolute, out var uri) && uri.IsFile && string.IsNullOrEmpty(uri.Host))
        {
            return uri.LocalPath;
        }

        throw new LocalRunException(
            $"model version {model.Version}: `modelship run` serves models from files (file:///path or file://./path relative to the manifest), not '{model.Uri}'");
    }
}
