using System.Runtime.CompilerServices;
using Modelship.Api.V1Alpha1;
using Modelship.Api.Validation;
using Modelship.Cli.LocalRun;

namespace Modelship.Cli.Tests.LocalRun;

public sealed class PipelineManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-pipeline-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Reads_the_example_pipeline_and_the_ModelDeployment_beside_it_and_they_are_valid()
    {
        var path = Path.Combine(RepositoryRoot(), "examples", "pipeline", "pipeline.yaml");

        var (pipeline, deployments) = ManifestReader.ReadPipeline(path)!.Value;

        pipeline.Metadata.Name.Should().Be("iris-pipeline");
        pipeline.Spec.Steps.Select(s => s.Name).Should().Equal("to-centimetres", "classify", "checks");
        pipeline.Spec.Steps[0].KeySplit!.MetaKey.Source.Should().Be(MetaKeySource.Parameter);
        pipeline.Spec.Steps[1].ShadowDeploy!.Champion.ModelDeploymentRef!.Name.Should().Be("iris");
        pipeline.Spec.Steps[2].Validations!.OnFailure.Should().Be(ValidationFailureAction.Log);
        deployments.Keys.Should().Equal("iris");
        PipelineValidator.Validate(pipeline.Spec, deployments.ContainsKey).Should().BeEmpty();
        ManifestReader.Kinds(path).Should().Equal("ModelDeployment", "Pipeline");
    }

    [Fact]
    public async Task An_invalid_pipeline_is_refused_with_messages_naming_the_step()
    {
        var path = Path.Combine(_directory, "pipeline.yaml");
        File.WriteAllText(path, """
            apiVersion: modelship.dev/v1alpha1
            kind: Pipeline
            metadata: {name: broken}
            spec:
              steps:
                - name: classify
                  model: {modelDeploymentRef: {name: missing}}
                - name: checks
                  validations:
                    checks: [{name: bad, expression: "outputs.label[0] <"}]
            """);

        var start = () => LocalPipeline.StartAsync(path, new LocalRunOptions { Port = 0, LogDirectory = null });

        (await start.Should().ThrowAsync<LocalRunException>())
            .Which.Message.Should().Contain("step 'classify': ModelDeployment 'missing' does not exist").And.Contain("step 'checks': check 'bad'");
    }

    [Fact]
    public void A_manifest_without_a_pipeline_reads_as_none()
    {
        var path = Path.Combine(_directory, "deployment.yaml");
        File.WriteAllText(path, "apiVersion: modelship.dev/v1alpha1\nkind: ModelDeployment\nmetadata: {name: a}\nspec:\n  model: {uri: \"file:///m.onnx\", version: v1}\n");

        ManifestReader.ReadPipeline(path).Should().BeNull();
    }

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
