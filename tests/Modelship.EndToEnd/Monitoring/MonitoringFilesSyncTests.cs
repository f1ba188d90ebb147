using Modelship.EndToEnd.Support;

namespace Modelship.EndToEnd.Monitoring;

/// <summary>The PrometheusRule and the chart's copies are generated from one source each; a stale copy fails here.</summary>
public sealed class MonitoringFilesSyncTests
{
    private static readonly string[] Sources = [MonitoringFiles.RulesSource, MonitoringFiles.Dashboard];
    private static readonly string[] Copies = ["config/prometheus/rules.yaml", "charts/modelship/files/prometheus-rules.yaml", "charts/modelship/files/grafana-dashboard.json"];

    [Fact]
    public async Task The_generated_copies_of_the_rules_and_the_dashboard_are_up_to_date()
    {
        var check = async () => await ExternalCommand.RunAsync(RepositoryRoot.Combine("hack", "sync-monitoring-files.sh"), ["--check"], TimeSpan.FromMinutes(1));

        await check.Should().NotThrowAsync("run hack/sync-monitoring-files.sh after editing {0}", string.Join(" or ", Sources));
    }

    [Theory]
    [InlineData("config/prometheus/rules.yaml")]
    [InlineData("charts/modelship/files/prometheus-rules.yaml")]
    [InlineData("charts/modelship/files/grafana-dashboard.json")]
    public async Task The_check_names_a_copy_that_differs_from_its_source_and_a_sync_repairs_it(string copy)
    {
        var root = Directory.CreateTempSubdirectory("modelship-sync-").FullName;
        try
        {
            foreach (var file in Sources.Concat(Copies).Append("hack/sync-monitoring-files.sh"))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.Copy(RepositoryRoot.Combine(file), Path.Combine(root, file));
            }
            var script = Path.Combine(root, "hack", "sync-monitoring-files.sh");
            await File.AppendAllTextAsync(Path.Combine(root, copy), "\n");

            var check = async () => await ExternalCommand.RunAsync(script, ["--check"], TimeSpan.FromMinutes(1));

            (await check.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain(copy);
            await ExternalCommand.RunAsync(script, [], TimeSpan.FromMinutes(1));
            await check.Should().NotThrowAsync();
            (await File.ReadAllTextAsync(Path.Combine(root, copy))).Should().Be(await File.ReadAllTextAsync(RepositoryRoot.Combine(copy)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
