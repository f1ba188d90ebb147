using System.ComponentModel;
using Modelship.Api.Defaults;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>Where a <see cref="RefreshSchedule"/> lists model versions; exactly one member is set.</summary>
public sealed record RefreshSource
{
    /// <summary>Names of the members, for messages.</summary>
    public const string KindNames = "directory, http, mlflow or s3";

    [Description("Directory lists the versions in a directory the operator can read (a volume mounted into the operator, or a folder in a local run): each sub-folder or model file is a version, with an optional metadata.json (version, createdTime, sha256, metrics, aliases).")]
    public DirectoryVersionSourceSpec? Directory { get; init; }

    [Description("Http lists the versions in a JSON index served at a URL (docs/registry-sources.md has its format: version, uri, sha256, createdTime, metrics, aliases).")]
    public HttpIndexVersionSourceSpec? Http { get; init; }

    [Description("Mlflow lists the versions of a registered model in an MLflow Model Registry; each version's metrics are the latest metrics of the run that logged it.")]
    public MlflowVersionSourceSpec? Mlflow { get; init; }

    [Description("S3 lists the versions under a bucket prefix of S3 or an S3-compatible server: each folder or model file under the prefix is a version.")]
    public S3VersionSourceSpec? S3 { get; init; }

    /// <summary>The names of the members that are set, in declaration order.</summary>
    public IReadOnlyList<string> KindsSet()
    {
        var kinds = new List<string>();
        if (Directory is not null)
        {
            kinds.Add("directory");
        }
        if (Http is not null)
        {
            kinds.Add("http");
        }
        if (Mlflow is not null)
        {
            kinds.Add("mlflow");
        }
        if (S3 is not null)
        {
            kinds.Add("s3");
        }
        return kinds;
    }
}

/// <summary>Versions in a directory.</summary>
public sealed record DirectoryVersionSourceSpec
{
    [Description("Path is the absolute path of the directory whose entries are the versions.")]
    [Length(1, 4096)]
    public required string Path { get; init; }

    [Description("Extensions are the file extensions of model files (with the dot, such as .onnx); other files are ignored. Defaults to [.onnx].")]
    public IReadOnlyList<string>? Extensions { get; init; }
}

/// <summary>Versions in a JSON index at a URL.</summary>
public sealed record HttpIndexVersionSourceSpec
{
    [Description("URL of the JSON index, http or https. Relative model uris in it are resolved against this URL.")]
    [Pattern("^https?://.+$")]
    public required string Url { get; init; }

    [Description("BearerTokenSecretRef names a key of a Secret in the RefreshSchedule's namespace whose value is sent as Authorization: Bearer.")]
    public SecretKeyReference? BearerTokenSecretRef { get; init; }
}

/// <summary>Versions of a registered model in MLflow.</summary>
public sealed record MlflowVersionSourceSpec
{
    [Description("TrackingUri is the MLflow server's base URL, http or https (the REST API is under api/2.0/mlflow/).")]
    [Pattern("^https?://.+$")]
    public required string TrackingUri { get; init; }

    [Description("ModelName is the registered model's name.")]
    [Length(1, 256)]
    public required string ModelName { get; init; }

    [Description("TokenSecretRef names a key of a Secret in the RefreshSchedule's namespace whose value is sent as Authorization: Bearer (MLflow auth, Databricks).")]
    public SecretKeyReference? TokenSecretRef { get; init; }
}

/// <summary>Versions under an S3 prefix.</summary>
public sealed record S3VersionSourceSpec
{
    [Description("Bucket is the S3 bucket.")]
    [Length(3, 63)]
    public required string Bucket { get; init; }

    [Description("Prefix is the key prefix whose folders and model files are the versions, such as models/churn/. Defaults to the whole bucket.")]
    public string? Prefix { get; init; }

    [Description("Endpoint is the URL of an S3-compatible server (MinIO, Ceph...), reached with path-style requests; absent for AWS.")]
    [Pattern("^https?://.+$")]
    public string? Endpoint { get; init; }

    [Description("Region is the signing region (and the AWS endpoint's region). Defaults to us-east-1.")]
    public string? Region { get; init; }

    [Description("CredentialsSecretRef names a Secret in the RefreshSchedule's namespace holding the access key id and secret access key; absent for anonymous access to a public bucket.")]
    public S3CredentialsSecretReference? CredentialsSecretRef { get; init; }

    [Description("Extensions are the file extensions of model files (with the dot, such as .onnx). Defaults to [.onnx].")]
    public IReadOnlyList<string>? Extensions { get; init; }
}

/// <summary>One key of a Secret in the object's namespace.</summary>
public sealed record SecretKeyReference
{
    [Description("Name of the Secret, in the RefreshSchedule's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("Key in the Secret's data. Defaults to token.")]
    [DefaultValue(RefreshScheduleDefaults.TokenKey)]
    public string? Key { get; init; }
}

/// <summary>A Secret holding S3 credentials.</summary>
public sealed record S3CredentialsSecretReference
{
    [Description("Name of the Secret, in the RefreshSchedule's namespace.")]
    [Length(1, 253)]
    public required string Name { get; init; }

    [Description("AccessKeyIdKey is the key holding the access key id. Defaults to accessKeyId.")]
    [DefaultValue(RefreshScheduleDefaults.AccessKeyIdKey)]
    public string? AccessKeyIdKey { get; init; }

    [Description("SecretAccessKeyKey is the key holding the secret access key. Defaults to secretAccessKey.")]
    [DefaultValue(RefreshScheduleDefaults.SecretAccessKeyKey)]
    public string? SecretAccessKeyKey { get; init; }
}
