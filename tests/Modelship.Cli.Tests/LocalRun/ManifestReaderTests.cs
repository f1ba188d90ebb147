using System.Runtime.CompilerServices;
using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Tests.LocalRun;

public sealed class ManifestReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_the_example_manifest()
    {
        var deployment = ManifestReader.ReadModelDeployment(Path.Combine(RepositoryRoot(), "examples", "iris", "modeldeployment.yaml"));

        deployment.Metadata.Name.Should().Be("iris");
        deployment.Spec.Model.Version.Should().Be("v1");
        deployment.Spec.Traffic!.Challengers!.Single().Weight.Should().Be(20);
        deployment.Spec.Traffic.Shadows!.Single().Name.Should().Be("iris-v3");
    }

    [Fact]
    public void Finds_the_ModelDeployment_among_other_documents()
    {
        var path = Write("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: models}
            ---
            apiVersion: modelship.dev/v1alpha1
            kind: ModelDeployment
            metadata: {name: second}
            spec:
              model: {uri: "file:///m.onnx", version: "7"}
            """);

        var deployment = ManifestReader.ReadModelDeployment(path);

        deployment.Metadata.Name.Should().Be("second");
        deployment.Spec.Model.Version.Should().Be("7", "a quoted number stays a string");
    }

    [Fact]
    public void A_file_without_a_ModelDeployment_names_the_kinds_it_found()
    {
        var read = () => ManifestReader.ReadModelDeployment(Write("apiVersion: v1\nkind: ConfigMap\n"));

        read.Should().Throw<LocalRunException>().WithMessage("*no ModelDeployment*ConfigMap*");
    }

    [Fact]
    public void A_malformed_ModelDeployment_is_a_clear_error()
    {
        var read = () => ManifestReader.ReadModelDeployment(Write("apiVersion: modelship.dev/v1alpha1\nkind: ModelDeployment\nspec:\n  replicas: many\n"));

        read.Should().Throw<LocalRunException>().WithMessage("*not a valid ModelDeployment*");
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "manifest.yaml");
        File.WriteAllText(path, yaml);
        return path;
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
