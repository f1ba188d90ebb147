using System.Text.Json;
using System.Text.Json.Nodes;
using Modelship.Api.Serialization;
using Modelship.Api.Tests.Support;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;

namespace Modelship.Api.Tests.RefreshSchedules;

public class RefreshScheduleSampleTests
{
    private static readonly string s_samplePath = RepositoryRoot.File("config", "samples", "modelship_v1alpha1_refreshschedule.yaml");

    [Fact]
    public void Sample_manifest_round_trips_and_is_valid()
    {
        var json = YamlToJson.Convert(File.ReadAllText(s_samplePath))!;
        var schedule = ModelshipApiJsonContext.ParseRefreshSchedule(json.ToJsonString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(schedule, ModelshipApiJsonContext.Default.RefreshSchedule));
        JsonNode.DeepEquals(written, json).Should().BeTrue($"round trip changed the sample:\n{written}\nvs\n{json}");

        RefreshScheduleValidator.Validate(schedule.Spec, name => name == "fraud-scoring").Should().BeEmpty();
        schedule.Spec.Selection!.Strategy.Should().Be(RefreshSelectionStrategy.SemVer);
        schedule.Spec.Promotion!.MetricCheck!.Checks!.Select(c => c.Metric).Should().Equal("accuracy", "rmse");
    }

    [Fact]
    public void Example_next_to_the_iris_example_round_trips_and_is_valid_for_it()
    {
        var json = YamlToJson.Convert(File.ReadAllText(RepositoryRoot.File("examples", "refresh-schedule", "refreshschedule.yaml")))!;
        var schedule = ModelshipApiJsonContext.ParseRefreshSchedule(json.ToJsonString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(schedule, ModelshipApiJsonContext.Default.RefreshSchedule));
        JsonNode.DeepEquals(written, json).Should().BeTrue($"round trip changed the example:\n{written}\nvs\n{json}");

        var iris = ModelshipApiJsonContext.ParseModelDeployment(YamlToJson.Convert(File.ReadAllText(RepositoryRoot.File("examples", "iris", "modeldeployment.yaml")))!.ToJsonString());
        RefreshScheduleValidator.Validate(schedule.Spec, name => name == iris.Metadata.Name).Should().BeEmpty("it targets the iris example");
        schedule.Spec.Source!.Http!.BearerTokenSecretRef!.Name.Should().Be("iris-index-token", "the README creates this Secret");
    }

    [Fact]
    public void Status_serializes_with_camel_case_enums_and_times()
    {
        var status = new RefreshScheduleStatus
        {
            LastScheduleTime = new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero),
            LastRun = new RefreshRun
            {
                StartedAt = new DateTimeOffset(2026, 12, 7, 3, 0, 1, TimeSpan.Zero),
                Result = RefreshRunResult.NoNewVersion,
                Checks = [new RefreshCheckResult { Name = "accuracy", Champion = 0.9, Candidate = 0.9, Verdict = RefreshCheckVerdict.Passed }],
            },
        };
        JsonSerializer.Serialize(status, ModelshipApiJsonContext.Default.RefreshScheduleStatus).Should().Be(
            """{"lastScheduleTime":"2026-12-07T03:00:00Z","lastRun":{"startedAt":"2026-12-07T03:00:01Z","result":"NoNewVersion","checks":[{"name":"accuracy","champion":0.9,"candidate":0.9,"verdict":"Passed"}]}}""");
    }
}
