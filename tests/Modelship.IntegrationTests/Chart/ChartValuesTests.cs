using System.Text.Json.Nodes;
using System.Xml.Linq;
using Modelship.Kubernetes.Yaml;

namespace Modelship.IntegrationTests.Chart;

/// <summary>The chart's values contract (values.schema.json, required values, API checks) and its drift checks.</summary>
public sealed class ChartValuesTests : IDisposable
{
    private const string SchemaError = "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nmodelship:\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-chart-values-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("replicaCount: two", "- replicaCount: Invalid type. Expected: integer, given: string")]
    [InlineData("replicas: 2", "- (root): Additional property replicas is not allowed")]
    [InlineData("image: {tags: latest}", "- image: Additional property tags is not allowed")]
    [InlineData("image: {digest: 'sha256:abc'}", "- image.digest: Does not match pattern")]
    [InlineData("watchNamespaces: team-a", "- watchNamespaces: Invalid type. Expected: array, given: string")]
    [InlineData("watchNamespaces: [Team_A]", "- watchNamespaces.0: Does not match pattern")]
    [InlineData("logLevel: verbose", "- logLevel: logLevel must be one of the following: \"Trace\", \"Debug\", \"Information\", \"Warning\", \"Error\", \"Critical\"")]
    [InlineData("metrics: {serviceMonitor: {enabled: 'yes'}}", "- metrics.serviceMonitor.enabled: Invalid type. Expected: boolean, given: string")]
    public async Task Bad_values_are_rejected_naming_the_field(string values, string problem)
    {
        var render = await HelmRender.TemplateAsync("-f", HelmRender.WriteValues(_directory, values));

        render.ExitCode.Should().Be(1, render.ToString());
        render.Stdout.Should().BeEmpty();
        render.Stderr.Should().StartWith(SchemaError).And.Contain(problem);
    }

    [Fact]
    public async Task Set_values_are_checked_like_values_files()
    {
        var render = await HelmRender.TemplateAsync("--set", "replicaCount=1,podDisruptionBudget.enabled=sometimes");

        render.ExitCode.Should().Be(1);
        render.Stderr.Should().Contain("- podDisruptionBudget.enabled: Invalid type. Expected: boolean, given: string");
    }

    [Fact]
    public async Task An_existing_service_account_needs_its_name()
    {
        var render = await HelmRender.TemplateAsync("--set", "serviceAccount.create=false");

        render.ExitCode.Should().Be(1);
        render.Stderr.Should().Contain("serviceAccount.name is required when serviceAccount.create is false");
    }

    [Theory]
    [InlineData("metrics.serviceMonitor.enabled=true")]
    [InlineData("metrics.prometheusRule.enabled=true")]
    public async Task Monitoring_objects_need_the_monitoring_api(string set)
    {
        var render = await HelmRender.TemplateAsync("--set", set);

        render.ExitCode.Should().Be(1);
        render.Stderr.Should().Contain("needs the monitoring.coreos.com/v1 API").And.Contain("--api-versions monitoring.coreos.com/v1");
    }

    [Fact]
    public async Task Notes_tell_what_to_apply_next()
    {
        var notes = await HelmRender.NotesAsync("-n", "modelship-system", "--set", "watchNamespaces={team-a}");

        notes.ExitCode.Should().Be(0, notes.ToString());
        notes.Stdout.Should().Contain("kubectl -n modelship-system rollout status deployment/modelship")
            .And.Contain("kubectl apply -f modelship_v1alpha1_modeldeployment.yaml")
            .And.Contain("config/samples/modelship_v1alpha1_modeldeployment.yaml")
            .And.Contain("kubectl get modeldeployments -n team-a");
        File.Exists(Path.Combine(HelmRender.RepositoryRoot, "config", "samples", "modelship_v1alpha1_modeldeployment.yaml")).Should().BeTrue("the notes link to it");
    }

    [Fact]
    public void The_chart_crds_are_the_generated_crds()
    {
        var generated = Path.Combine(HelmRender.RepositoryRoot, "crds");
        var chart = Path.Combine(HelmRender.ChartDirectory, "crds");
        var names = Directory.GetFiles(generated, "*.yaml").Select(Path.GetFileName).Order().ToList();

        Directory.GetFiles(chart).Select(Path.GetFileName).Order().Should().Equal(names);
        foreach (var name in names)
        {
            File.ReadAllText(Path.Combine(chart, name!)).Should().Be(File.ReadAllText(Path.Combine(generated, name!)),
                $"charts/modelship/crds/{name} must equal crds/{name} (run `make manifests`)");
        }
    }

    [Fact]
    public void The_chart_appVersion_is_the_project_version()
    {
        var version = XDocument.Load(Path.Combine(HelmRender.RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value;
        var chart = YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "Chart.yaml"))).Single();

        ((string?)chart["appVersion"]).Should().Be(version, "Chart.yaml appVersion follows <Version> in Directory.Build.props");
        ((string?)chart["annotations"]!["artifacthub.io/license"]).Should().Be("Apache-2.0");
    }

    [Fact]
    public void The_readme_documents_every_value()
    {
        var values = YamlDocuments.Parse(File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "values.yaml"))).Single().AsObject();
        var readme = File.ReadAllText(Path.Combine(HelmRender.ChartDirectory, "README.md"));

        // A key is documented when its row, or the row of a map that holds it, is in the values table.
        var undocumented = KeyPaths(values, "").Where(key => !Ancestors(key).Any(k => readme.Contains($"| `{k}` |", StringComparison.Ordinal)));
        undocumented.Should().BeEmpty("charts/modelship/README.md has a row for every value");
    }

    [Fact]
    public async Task The_renderer_passes_its_own_tests()
    {
        var selfTest = await HelmRender.SelfTestAsync();

        selfTest.ExitCode.Should().Be(0, selfTest.ToString());
        selfTest.Stdout.Should().StartWith("ok ");
    }

    private static IEnumerable<string> KeyPaths(JsonObject map, string prefix)
    {
        foreach (var (key, value) in map)
        {
            if (value is JsonObject { Count: > 0 } nested)
            {
                foreach (var inner in KeyPaths(nested, prefix + key + "."))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return prefix + key;
            }
        }
    }

    private static IEnumerable<string> Ancestors(string key)
    {
        for (var end = key.Length; end > 0; end = key.LastIndexOf('.', end - 1))
        {
            yield return key[..end];
        }
    }
}
