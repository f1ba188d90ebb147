using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Modelship.Api.Routing;
using Modelship.Serving.Monitoring.Drift;
using Modelship.Serving.Monitoring.Profile;
using Modelship.Serving.Monitoring.ServiceStats;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Monitoring.Drift;

public sealed class DriftMonitorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-drift-test-").FullName;
    private readonly Meter _meter = new("Modelship.Router.DriftTests");

    [Fact]
    public async Task Inputs_outside_the_training_range_are_check_failures_and_the_window_reports_drift()
    {
        var serviceStats = new ServiceStatsRecorder([0.1], TimeProvider.System);
        await using var monitor = new DriftMonitor(_meter, NullLogger.Instance, 16, serviceStats: serviceStats);
        var snapshot = Snapshot(WriteProfile(), minSamples: 2);
        monitor.Configure(snapshot);
        monitor.IsOn.Should().BeTrue();

        var inRange = monitor.Process(Observation(snapshot, """{"inputs":[{"name":"input","shape":[1,2],"datatype":"FP32","data":[[2,20]]}]}""", """{"outputs":[{"name":"label","shape":[1],"datatype":"INT64","data":[1]}]}"""));
        var outside = monitor.Process(Observation(snapshot, """{"inputs":[{"name":"input","shape":[2,2],"datatype":"FP32","data":[9,20,2,-5]}]}""", """{"outputs":[]}"""));

        inRange.Should().BeEmpty();
        outside.Should().BeEquivalentTo(
            "feature out of training range: 1 value(s) of 'input[0]' outside [1, 3]",
            "feature out of training range: 1 value(s) of 'input[1]' outside [10, 30]");
        var drift = monitor.Report().Should().ContainSingle().Subject;
        drift.Samples.Should().Be(2);
        drift.Features.Select(f => (f.Name, f.OutOfRange)).Should().Equal(("input[0]", 1L), ("input[1]", 1L));
        drift.Predictions.Should().ContainSingle().Which.Name.Should().Be("label");
        serviceStats.Read().Should().ContainSingle().Which.Windows.Should().OnlyContain(w => w.CheckFailures == 2, "each feature out of range is a failed check of the version in its service stats");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"inputs":"x"}""")]
    [InlineData("""{"inputs":[{"name":"input","shape":"wide","data":[1,2]}]}""")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,-2],"data":[1,2]}]}""")]
    [InlineData("""{"inputs":[{"name":"input","shape":[1,2],"data":[{"a":1},"NaN",null,true]}]}""")]
    [InlineData("""{"inputs":[{"name":7}]}""")]
    public async Task Malformed_bodies_never_throw_out_of_the_monitor(string body)
    {
        await using var monitor = new DriftMonitor(_meter, NullLogger.Instance, 16);
        var snapshot = Snapshot(WriteProfile(), minSamples: 1);
        monitor.Configure(snapshot);

        var process = () => monitor.Process(Observation(snapshot, body, body));

        process.Should().NotThrow();
        monitor.Report().Should().ContainSingle().Which.Samples.Should().Be(1, "the request still counts in the window");
    }

    [Fact]
    public async Task A_reference_that_cannot_be_read_or_used_turns_drift_off_and_a_good_one_turns_it_back_on()
    {
        await using var monitor = new DriftMonitor(_meter, NullLogger.Instance, 16);
        monitor.Configure(Snapshot(Path.Combine(_directory, "absent.json"), minSamples: 1));
        monitor.IsOn.Should().BeFalse();
        var invalid = Path.Combine(_directory, "invalid.json");
        await File.WriteAllTextAsync(invalid, """{"version":9}""");
        monitor.Configure(Snapshot(invalid, minSamples: 1));
        monitor.IsOn.Should().BeFalse();
        monitor.Report().Should().BeEmpty();

        monitor.Configure(Snapshot(WriteProfile(), minSamples: 1));
        monitor.IsOn.Should().BeTrue();
        monitor.Configure(new RoutingSnapshot(Table(null)));
        monitor.IsOn.Should().BeFalse("a table without monitoring.drift");
    }

    [Fact]
    public async Task A_new_table_with_the_same_reference_keeps_the_windows_and_a_changed_reference_starts_new_ones()
    {
        await using var monitor = new DriftMonitor(_meter, NullLogger.Instance, 16);
        var path = WriteProfile();
        var first = Snapshot(path, minSamples: 1);
        monitor.Configure(first);
        monitor.Process(Observation(first, Request, "{}"));

        monitor.Configure(Snapshot(path, minSamples: 1));
        monitor.Report().Should().ContainSingle().Which.Samples.Should().Be(1, "the same reference file and window");

        var changed = ReferenceProfileFile.Parse(File.ReadAllBytes(path)) with { Rows = 4 };
        await File.WriteAllTextAsync(path, ReferenceProfileFile.Serialize(changed));
        monitor.Configure(Snapshot(path, minSamples: 1));
        monitor.Report().Should().BeEmpty("a changed reference starts empty windows");
    }

    public void Dispose()
    {
        _meter.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private const string Request = """{"inputs":[{"name":"input","shape":[1,2],"datatype":"FP32","data":[2,20]}]}""";

    private string WriteProfile()
    {
        string[] columns = ["a", "b", "label"];
        string?[][] rows = [["1", "10", "0"], ["2", "20", "1"], ["3", "30", "1"]];
        var profile = ReferenceProfileBuilder.Build(columns, rows, new ProfileOptions(Bins: 2, InputName: "input", Target: "label", Categorical: ["label"]));
        var path = Path.Combine(_directory, "profile.json");
        File.WriteAllText(path, ReferenceProfileFile.Serialize(profile));
        return path;
    }

    private static RoutingSnapshot Snapshot(string referencePath, int minSamples) =>
        new(Table(new MonitoringSettings { Drift = new DriftSettings { ReferencePath = referencePath, Window = 10, MinSamples = minSamples } }));

    private static RoutingTable Table(MonitoringSettings? monitoring) => new()
    {
        Generation = 1,
        ModelName = "iris",
        Backends = [new RoutingBackend { Name = "iris-v1", Version = "v1", Role = BackendRole.Champion, Url = "http://127.0.0.1:1/", ModelName = "iris" }],
        Monitoring = monitoring,
    };

    private static DriftObservation Observation(RoutingSnapshot snapshot, string request, string answer) =>
        new(snapshot, snapshot.Champion, Encoding.UTF8.GetBytes(request), new BackendResponse(BackendOutcome.Answered, 200, Encoding.UTF8.GetBytes(answer), "application/json", null), 200, TimeSpan.Zero, DateTime.UtcNow, [], null);
}
