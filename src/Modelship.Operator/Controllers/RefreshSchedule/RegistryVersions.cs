using System.Text;
using k8s.Models;
using Modelship.Api.Defaults;
using Modelship.Api.V1Alpha1;
using Modelship.Registry;
using Modelship.Registry.S3;
using Modelship.Registry.Sources;

namespace Modelship.Operator.Controllers.RefreshSchedule;

/// <summary>A Secret or one of its keys a source refers to is missing; the run fails with this message.</summary>
public sealed class SourceSecretException(string message) : Exception(message);

/// <summary>
/// Lists the versions a RefreshSchedule's source holds: maps spec.source onto a <see cref="IModelVersionSource"/> of
/// Modelship.Registry, with the tokens and credentials read from Secrets of the schedule's namespace (read when a run
/// needs them, not cached: a rotated Secret is used at the next run).
/// </summary>
/// <param name="http">Shared by every run (the sources do not own it).</param>
/// <param name="getSecret">Reads a Secret by namespace and name; null when it does not exist.</param>
public sealed class RegistryVersions(HttpClient http, Func<string, string, CancellationToken, Task<V1Secret?>> getSecret)
{
    /// <summary>
    /// The versions of <paramref name="source"/>. Throws <see cref="ModelSourceException"/> when the source fails and
    /// <see cref="SourceSecretException"/> when a referenced Secret or key is missing.
    /// </summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(string ns, RefreshSource? source, RefreshSelection? selection, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            throw new ArgumentException("spec.source is not set", nameof(source));
        }
        if (source.Directory is { } directory)
        {
            return await new DirectoryVersionSource(new DirectorySourceOptions(directory.Path, directory.Extensions)).ListAsync(cancellationToken).ConfigureAwait(false);
        }
        if (source.Http is { } index)
        {
            var token = await TokenAsync(ns, index.BearerTokenSecretRef, "spec.source.http.bearerTokenSecretRef", cancellationToken).ConfigureAwait(false);
            return await new HttpIndexVersionSource(http, new HttpIndexSourceOptions(new Uri(index.Url), token)).ListAsync(cancellationToken).ConfigureAwait(false);
        }
        if (source.Mlflow is { } mlflow)
        {
            var token = await TokenAsync(ns, mlflow.TokenSecretRef, "spec.source.mlflow.tokenSecretRef", cancellationToken).ConfigureAwait(false);
            var alias = selection?.Strategy == RefreshSelectionStrategy.Alias ? selection.Alias : null;
            var options = new MlflowSourceOptions(new Uri(mlflow.TrackingUri), mlflow.ModelName, alias, token);
            return await new MlflowVersionSource(http, options).ListAsync(cancellationToken).ConfigureAwait(false);
        }
        if (source.S3 is { } s3)
        {
            var connection = await S3ConnectionAsync(ns, s3, cancellationToken).ConfigureAwait(false);
            using var client = S3ClientFactory.Create(connection);
            var options = new S3SourceOptions(s3.Bucket, s3.Prefix ?? "", s3.Extensions);
            return await new S3VersionSource(client, options).ListAsync(cancellationToken).ConfigureAwait(false);
        }
        throw new ArgumentException($"spec.source sets none of {RefreshSource.KindNames}", nameof(source));
    }

    private async Task<S3ConnectionOptions> S3ConnectionAsync(string ns, S3VersionSourceSpec s3, CancellationToken cancellationToken)
    {
        string? accessKeyId = null;
        string? secretAccessKey = null;
        if (s3.CredentialsSecretRef is { } reference)
        {
            var secret = await SecretAsync(ns, reference.Name, "spec.source.s3.credentialsSecretRef", cancellationToken).ConfigureAwait(false);
            accessKeyId = Value(secret, reference.AccessKeyIdKey ?? RefreshScheduleDefaults.AccessKeyIdKey, "spec.source.s3.credentialsSecretRef");
            secretAccessKey = Value(secret, reference.SecretAccessKeyKey ?? RefreshScheduleDefaults.SecretAccessKeyKey, "spec.source.s3.credentialsSecretRef");
        }
        var endpoint = s3.Endpoint is null ? null : new Uri(s3.Endpoint);
        return new S3ConnectionOptions(accessKeyId, secretAccessKey, s3.Region ?? S3ConnectionOptions.DefaultRegion, endpoint, ForcePathStyle: endpoint is not null);
    }

    private async Task<string?> TokenAsync(string ns, SecretKeyReference? reference, string field, CancellationToken cancellationToken)
    {
        if (reference is null)
        {
            return null;
        }
        var secret = await SecretAsync(ns, reference.Name, field, cancellationToken).ConfigureAwait(false);
        return Value(secret, reference.Key ?? RefreshScheduleDefaults.TokenKey, field);
    }

    private async Task<V1Secret> SecretAsync(string ns, string name, string field, CancellationToken cancellationToken) =>
        await getSecret(ns, name, cancellationToken).ConfigureAwait(false)
            ?? throw new SourceSecretException($"{field}: Secret {ns}/{name} does not exist");

    private static string Value(V1Secret secret, string key, string field)
    {
        if (secret.Data?.TryGetValue(key, out var bytes) == true && bytes is not null)
        {
            return Encoding.UTF8.GetString(bytes).Trim();
        }
        if (secret.StringData?.TryGetValue(key, out var text) == true && text is not null)
        {
            return text.Trim();
        }
        throw new SourceSecretException($"{field}: Secret {secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name} has no key \"{key}\"");
    }
}
