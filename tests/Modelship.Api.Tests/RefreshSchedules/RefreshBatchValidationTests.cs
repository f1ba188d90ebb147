using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.RefreshSchedules;

public class RefreshBatchValidationTests
{
    private static RefreshScheduleSpec BatchOnly(Func<RefreshBatch, RefreshBatch>? change = null)
    {
        var batch = new RefreshBatch
        {
            Input = new RefreshBatchInput { Uri = "s3://scoring/in/rows.csv" },
            Output = new RefreshBatchOutput { Uri = "pvc://results/out/{scheduledTime}.csv" },
        };
        return new RefreshScheduleSpec
        {
            Schedule = "0 3 * * *",
            Target = new RefreshTarget { ModelDeployment = "iris" },
            Batch = change is null ? batch : change(batch),
        };
    }

    [Fact]
    public void A_schedule_with_batch_needs_no_source()
    {
        RefreshScheduleValidator.Validate(BatchOnly(), _ => true).Should().BeEmpty();
    }

    [Fact]
    public void Without_batch_or_source_the_message_says_both_ways_out()
    {
        RefreshScheduleValidator.Validate(BatchOnly() with { Batch = null }).Should().ContainSingle()
            .Which.Message.Should().Be("spec.source: has no source; set exactly one of directory, http, mlflow or s3, or leave spec.source out and set spec.batch");
    }

    public static TheoryData<string, string, string> InvalidBatches => new()
    {
        { "ftp input", "spec.batch.input.uri", "must be a URI with scheme s3://, http://, https://, pvc://" },
        { "http output", "spec.batch.output.uri", "must be a URI with scheme s3://, pvc://" },
        { "bucket only", "spec.batch.input.uri", "must name an object, s3://bucket/key" },
        { "claim only", "spec.batch.output.uri", "must be pvc://claim/path" },
        { "ratio", "spec.batch.maxFailureRatio", "must be between 0 and 1" },
        { "concurrency", "spec.batch.concurrency", "must be at least 1" },
        { "parameter name", "spec.batch.parameters", "is not a parameter name" },
        { "column with comma", "spec.batch.columns", "without ','" },
        { "s3 endpoint", "spec.batch.s3.endpoint", "must be an absolute http or https URL" },
    };

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public void Invalid_batches_name_the_field(string name, string field, string message)
    {
        var spec = BatchOnly(batch => name switch
        {
            "ftp input" => batch with { Input = new RefreshBatchInput { Uri = "ftp://host/rows.csv" } },
            "http output" => batch with { Output = new RefreshBatchOutput { Uri = "https://host/out.csv" } },
            "bucket only" => batch with { Input = new RefreshBatchInput { Uri = "s3://scoring" } },
            "claim only" => batch with { Output = new RefreshBatchOutput { Uri = "pvc://results" } },
            "ratio" => batch with { MaxFailureRatio = 1.5 },
            "concurrency" => batch with { Concurrency = 0 },
            "parameter name" => batch with { Parameters = new Dictionary<string, string> { ["a=b"] = "1" } },
            "column with comma" => batch with { Columns = ["a,b"] },
            _ => batch with { S3 = new RefreshBatchS3 { Endpoint = "minio:9000" } },
        });

        var errors = RefreshScheduleValidator.Validate(spec);

        errors.Should().ContainSingle();
        errors[0].Field.Should().Be(field);
        errors[0].Message.Should().Contain(message);
    }
}
