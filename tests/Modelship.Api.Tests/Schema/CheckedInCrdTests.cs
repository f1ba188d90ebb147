using Modelship.Api.Schema;
using Modelship.Api.Tests.Support;

namespace Modelship.Api.Tests.Schema;

/// <summary>The CRD YAML in the repository is exactly what the generator produces (run `make manifests` to fix).</summary>
public class CheckedInCrdTests
{
    public static TheoryData<string> Directories => new() { "crds", "config/crd/bases" };

    [Theory]
    [MemberData(nameof(Directories))]
    public void Checked_in_crd_matches_the_generator(string directory)
    {
        foreach (var manifest in CrdManifests.Generate())
        {
            var path = RepositoryRoot.File(directory, manifest.FileName);
            File.Exists(path).Should().BeTrue($"{path} must be checked in (run `make manifests`)");
            File.ReadAllText(path).Should().Be(manifest.Content, $"{path} must match the generated CRD (run `make manifests`)");
        }
    }

    [Fact]
    public void File_is_named_like_kubebuilder_names_it()
    {
        CrdManifests.Generate().Select(m => m.FileName).Should().Equal("modelship.dev_modeldeployments.yaml", "modelship.dev_pipelines.yaml", "modelship.dev_refreshschedules.yaml", "modelship.dev_servingruntimes.yaml");
    }
}
