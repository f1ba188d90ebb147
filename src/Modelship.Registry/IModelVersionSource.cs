namespace Modelship.Registry;

/// <summary>
/// Lists the versions of one model held somewhere (a directory, an HTTP index, MLflow, an S3 prefix).
/// Failures are <see cref="ModelSourceException"/>s whose message says what to fix.
/// </summary>
public interface IModelVersionSource
{
    Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken);
}
