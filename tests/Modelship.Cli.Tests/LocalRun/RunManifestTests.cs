using System.Runtime.CompilerServices;
using Modelship.Cli.LocalRun;
using Modelship.Cli.LocalRun.Refresh;
using Modelship.Cli.Tests.LocalRun.Refresh;

namespace Modelship.Cli.Tests.LocalRun;

public sealed class RunManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-run-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_the_ModelDeployment_and_RefreshSchedules_of_several_files_with_the_file_each_came_from()
    {
        var deployment = RefreshManifests.Write(_directory, "deployment.yaml", RefreshManifests.Deployment);
        var schedules = RefreshManifests.Write(_directory, "schedules.yaml", RefreshManifests.Schedule(), RefreshManifests.Schedule(schedule: "@daily"));

        var manifest = ManifestReader.ReadRun([deployment, schedules]);

        manifest.Deployment.Document.Metadata.Name.Should().Be("iris");
        manifest.Deployment.Path.Should().Be(deployment);
        manifest.Schedules.Select(s => s.Document.Spec.Schedule).Should().Equal("0 * * * *", "@daily");
        manifest.Schedules.Should().OnlyContain(s => s.Path == schedules);
    }

    [Fact]
    public void The_example_refresh_manifest_holds_a_ModelDeployment_and_a_RefreshSchedule_of_it()
    {
        var manifest = ManifestReader.ReadRun([Path.Combine(RepositoryRoot(), "examples", "refresh", "refresh.yaml")]);

        manifest.Deployment.Document.Metadata.Name.Should().Be("iris");
        manifest.Schedules.Single().Document.Spec.Target.ModelDeployment.Should().Be("iris");
        manifest.Schedules.Single().Document.Spec.Source!.Directory!.Path.Should().Be("./versions");
    }

    [Fact]
    public void The_custom_runtime_example_holds_a_ServingRuntime_with_the_file_it_came_from_and_a_ModelDeployment_it_serves()
    {
        var runtimeFile = Path.Combine(RepositoryRoot(), "examples", "custom-runtime", "servingruntime.yaml");
        var manifest = ManifestReader.ReadRun([runtimeFile, Path.Combine(RepositoryRoot(), "examples", "custom-runtime", "modeldeployment.yaml")]);

        var runtime = manifest.ServingRuntimes.Single();
        runtime.Path.Should().Be(runtimeFile, "its command runs in that file's directory");
        runtime.Document.Spec.Command.Should().Equal("/usr/bin/python3", "server.py");
        Api.Validation.ServingRuntimeValidator.Validate(runtime.Document.Spec).Should().BeEmpty();
        var spec = manifest.Deployment.Document.Spec;
        Operator.Controllers.ModelDeployment.VersionRuntimes.Select(spec, [runtime.Document]).Templates.Keys.Should().BeEquivalentTo(["v4", "v5"], "the onnx champion keeps the built-in runtime");
    }

    [Fact]
    public void A_malformed_ServingRuntime_is_refused_with_the_file()
    {
        var read = () => RefreshManifests.Read(_directory, RefreshManifests.Deployment, "apiVersion: modelship.dev/v1alpha1\nkind: ServingRuntime\nspec:\n  port: many\n");

        read.Should().Throw<LocalRunException>().WithMessage("*not a valid ServingRuntime*");
    }

    [Fact]
    public void Two_ModelDeployments_are_refused()
    {
        var read = () => ManifestReader.ReadRun([
            RefreshManifests.Write(_directory, "a.yaml", RefreshManifests.Deployment),
            RefreshManifests.Write(_directory, "b.yaml", RefreshManifests.Deployment)]);

        read.Should().Throw<LocalRunException>().WithMessage("*hold 2 ModelDeployments*serves one*");
    }

    [Fact]
    public void A_malformed_RefreshSchedule_is_an_invalid_schedule()
    {
        var read = () => RefreshManifests.Read(_directory, RefreshManifests.Deployment, "apiVersion: modelship.dev/v1alpha1\nkind: RefreshSchedule\nspec:\n  suspend: often\n");

        read.Should().Throw<InvalidRefreshScheduleException>().WithMessage("*not a valid RefreshSchedule*");
    }

    // From this source file, so the tests work whatever the build's output folder is.
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Operator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Operator.sln not found above the test source");
    }
}
