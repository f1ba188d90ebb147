using k8s.Models;
using Modelship.Api.V1Alpha1;
using MD = Modelship.Api.V1Alpha1.ModelDeployment;
using Schedule = Modelship.Api.V1Alpha1.RefreshSchedule;

namespace Modelship.Operator.Tests.RefreshSchedule.Batch;

internal static class BatchSamples
{
    public static readonly DateTimeOffset ScheduledTime = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    public static Schedule Schedule(Func<RefreshBatch, RefreshBatch>? change = null, RefreshScheduleStatus? status = null, bool withSource = true)
    {
        var batch = new RefreshBatch
        {
            Input = new RefreshBatchInput { Uri = "s3://scoring/input/customers.csv" },
            Output = new RefreshBatchOutput { Uri = "s3://scoring/output/{scheduledTime}.jsonl", Format = RefreshBatchFormat.JsonLines, IncludeInputs = true },
            Parameters = new Dictionary<string, string> { ["segment"] = "gold", ["explain"] = "true" },
            Columns = ["age", "income", "tenure"],
            Concurrency = 8,
            MaxFailureRatio = 0.01,
            S3 = new RefreshBatchS3 { Endpoint = "http://minio.storage:9000", Region = "eu-central-1", CredentialsSecretRef = new S3CredentialsSecretReference { Name = "scoring-s3" } },
        };
        return new Schedule
        {
            Metadata = new V1ObjectMeta { Name = "churn-nightly", NamespaceProperty = "ml", Uid = "0f3c9a1e-7d2b-4c55-9e1a-2b8f6d4c3a10", Generation = 2 },
            Spec = new RefreshScheduleSpec
            {
                Schedule = "0 3 * * *",
                Target = new RefreshTarget { ModelDeployment = "churn" },
                Source = withSource ? new RefreshSource { Directory = new DirectoryVersionSourceSpec { Path = "/models" } } : null,
                Batch = change is null ? batch : change(batch),
            },
            Status = status,
        };
    }

    public static MD Target(ModelDeploymentStatus? status = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "churn", NamespaceProperty = "ml", Generation = 5 },
        Spec = new ModelDeploymentSpec { Model = new ModelSpec { Uri = "s3://models/churn/1.4.0/model.onnx", Version = "1.4.0" } },
        Status = status,
    };
}
