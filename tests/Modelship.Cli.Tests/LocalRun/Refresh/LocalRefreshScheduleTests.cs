using Modelship.Cli.LocalRun.Refresh;

namespace Modelship.Cli.Tests.LocalRun.Refresh;

public sealed class LocalRefreshScheduleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-local-refresh-").FullName;

    public LocalRefreshScheduleTests() => Directory.CreateDirectory(Path.Combine(_directory, "versions"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_relative_directory_is_relative_to_the_schedules_file_and_the_cron_is_parsed_in_its_time_zone()
    {
        var schedule = From(RefreshManifests.Schedule(schedule: "0 3 * * *", specLines: "  timeZone: Europe/Berlin"));

        schedule.Directory.Should().Be(Path.Combine(_directory, "versions"));
        schedule.Name.Should().Be("iris-newest");
        schedule.Cron.Next(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero)).Should().Be(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("every night", "spec.schedule")]
    [InlineData("61 * * * *", "spec.schedule")]
    public void An_invalid_cron_is_refused_naming_the_field(string cron, string field)
    {
        var from = () => From(RefreshManifests.Schedule(schedule: cron));

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage($"*RefreshSchedule iris-newest is invalid:\n  {field}: \"{cron}\" is not a cron expression*");
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        var from = () => From(RefreshManifests.Schedule(specLines: "  timeZone: Mars/Olympus"));

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage("*spec.timeZone: \"Mars/Olympus\" is not a known IANA time zone*");
    }

    [Fact]
    public void A_target_other_than_the_ModelDeployment_of_the_run_is_refused()
    {
        var from = () => From(RefreshManifests.Schedule(target: "fraud"));

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage("*spec.target.modelDeployment: \"fraud\" is not the ModelDeployment this run serves (\"iris\")*");
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_refused()
    {
        var from = () => From(RefreshManifests.Schedule(directory: "./missing"));

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage($"*spec.source.directory.path: directory {Path.Combine(_directory, "missing")} does not exist*");
    }

    [Theory]
    [InlineData("Canary")]
    [InlineData("ShadowFirst")]
    public void A_promotion_by_trial_is_refused_because_a_local_run_promotes_by_replacing(string strategy)
    {
        var from = () => From(RefreshManifests.Schedule(specLines: $"  promotion: {{strategy: {strategy}}}"));

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage("*spec.promotion.strategy: *");
    }

    [Fact]
    public void A_source_that_needs_a_Secret_is_refused_because_a_local_run_reads_none()
    {
        var from = () => From("""
            apiVersion: modelship.dev/v1alpha1
            kind: RefreshSchedule
            metadata: {name: iris-index}
            spec:
              schedule: "@daily"
              target: {modelDeployment: iris}
              source:
                http: {url: "https://models.example.com/index.json", bearerTokenSecretRef: {name: index-token}}
            """);

        from.Should().Throw<InvalidRefreshScheduleException>().WithMessage("*spec.source.http.bearerTokenSecretRef: `modelship run` reads no Kubernetes Secrets*");
    }

    private LocalRefreshSchedule From(string schedule)
    {
        var manifest = RefreshManifests.Read(_directory, RefreshManifests.Deployment, schedule);
        return LocalRefreshSchedule.From(manifest.Schedules.Single(), manifest.Deployment.Document);
    }
}
