using System.CommandLine;
using Modelship.Cli.Commands;
using Modelship.Cli.Tests.LocalRun.Refresh;

namespace Modelship.Cli.Tests.Commands;

/// <summary>
/// `modelship run` refuses a RefreshSchedule it cannot run with exit code 2 before anything starts (the manifest's
/// model file does not exist: had the run started, it would have failed with exit code 1).
/// </summary>
public sealed class RunCommandRefreshTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-run-refresh-").FullName;

    public RunCommandRefreshTests() => Directory.CreateDirectory(Path.Combine(_directory, "versions"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("every night", "iris")]
    [InlineData("0 * * * *", "fraud")]
    public async Task An_invalid_RefreshSchedule_exits_with_code_2_before_serving(string cron, string target)
    {
        var manifest = RefreshManifests.Write(_directory, "run.yaml", RefreshManifests.Deployment, RefreshManifests.Schedule(schedule: cron, target: target));

        var exitCode = await new RootCommand { RunCommand.Create() }.Parse(["run", "-f", manifest, "--port", "0"]).InvokeAsync();

        exitCode.Should().Be(2);
    }

    [Fact]
    public async Task A_RefreshSchedule_in_a_second_file_is_checked_too()
    {
        var deployment = RefreshManifests.Write(_directory, "deployment.yaml", RefreshManifests.Deployment);
        var schedule = RefreshManifests.Write(_directory, "schedule.yaml", RefreshManifests.Schedule(schedule: "every night"));

        var exitCode = await new RootCommand { RunCommand.Create() }.Parse(["run", "-f", deployment, "-f", schedule, "--port", "0"]).InvokeAsync();

        exitCode.Should().Be(2);
    }
}
