using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>The rules of a RefreshSchedule's spec.batch that the CRD schema cannot express (URI schemes, names). Pure.</summary>
internal static class RefreshBatchValidator
{
    public static readonly IReadOnlyList<string> InputSchemes = ["s3", "http", "https", "pvc"];
    public static readonly IReadOnlyList<string> OutputSchemes = ["s3", "pvc"];

    public static void Check(ErrorList errors, RefreshBatch? batch)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (batch is null)
        {
            return;
        }
        CheckUri(errors, "spec.batch.input.uri", batch.Input?.Uri, InputSchemes);
        CheckUri(errors, "spec.batch.output.uri", batch.Output?.Uri, OutputSchemes);
        if (batch.BatchSize is < 1)
        {
            errors.Add("spec.batch.batchSize", $"must be at least 1 (got {batch.BatchSize})");
        }
        if (batch.Concurrency is < 1)
        {
            errors.Add("spec.batch.concurrency", $"must be at least 1 (got {batch.Concurrency})");
        }
        if (batch.MaxFailureRatio is { } ratio && (!double.IsFinite(ratio) || ratio < 0 || ratio > 1))
        {
            errors.Add("spec.batch.maxFailureRatio", $"must be between 0 and 1 (got {ratio})");
        }
        foreach (var key in batch.Parameters?.Keys ?? [])
        {
            if (string.IsNullOrWhiteSpace(key) || key.Contains('=', StringComparison.Ordinal))
            {
                errors.Add("spec.batch.parameters", $"\"{key}\" is not a parameter name (not empty, no '=')");
            }
        }
        if (batch.Columns is { } columns && (columns.Count == 0 || columns.Any(c => string.IsNullOrWhiteSpace(c) || c.Contains(',', StringComparison.Ordinal))))
        {
            errors.Add("spec.batch.columns", "must name at least one column, each not empty and without ','");
        }
        if (batch.S3 is { } s3)
        {
            if (s3.Endpoint is not null && (!Uri.TryCreate(s3.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
            {
                errors.Add("spec.batch.s3.endpoint", $"\"{s3.Endpoint}\" must be an absolute http or https URL");
            }
            if (s3.CredentialsSecretRef is { } credentials && string.IsNullOrWhiteSpace(credentials.Name))
            {
                errors.Add("spec.batch.s3.credentialsSecretRef.name", "is required");
            }
        }
    }

    private static void CheckUri(ErrorList errors, string field, string? uri, IReadOnlyList<string> schemes)
    {
        var scheme = uri is null ? null : uri.IndexOf("://", StringComparison.Ordinal) is > 0 and var end ? uri[..end].ToLowerInvariant() : null;
        if (scheme is null || !schemes.Contains(scheme))
        {
            errors.Add(field, $"\"{uri}\" must be a URI with scheme {string.Join(", ", schemes.Select(s => s + "://"))}");
        }
        else if (scheme == "pvc" && uri!["pvc://".Length..].Split('/', 2) is not [{ Length: > 0 }, { Length: > 0 }])
        {
            errors.Add(field, $"\"{uri}\" must be pvc://claim/path");
        }
        else if (scheme == "s3" && (uri!["s3://".Length..].Split('/', 2) is not [{ Length: > 0 }, { Length: > 0 }] || uri.EndsWith('/')))
        {
            errors.Add(field, $"\"{uri}\" must name an object, s3://bucket/key");
        }
    }
}
