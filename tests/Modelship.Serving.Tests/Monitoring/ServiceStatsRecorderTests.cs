using Modelship.Serving.Monitoring.ServiceStats;
using Modelship.Testing;

namespace Modelship.Serving.Tests.Monitoring;

public sealed class ServiceStatsRecorderTests
{
    private static readonly double[] Bounds = [0.1, 0.5, 1];

    // 10:00:30 UTC: the minute bucket 10:00 is half gone.
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void The_1m_window_is_the_current_minute_and_rolls_over_at_the_minute_boundary()
    {
        var clock = new ManualTimeProvider(Start);
        var stats = new ServiceStatsRecorder(Bounds, clock);
        stats.RequestCompleted("v1", "champion", 200, 0.05);
        stats.RequestCompleted("v1", "champion", 503, 0.05);

        Window(stats, "1m").Requests.Should().Be(2);
        Window(stats, "1m").Errors.Should().Be(1);
        Window(stats, "1m").ErrorRate.Should().Be(0.5);

        clock.Advance(TimeSpan.FromSeconds(30)); // 10:01:00, a new minute
        Window(stats, "1m").Requests.Should().Be(0);
        Window(stats, "1m").ErrorRate.Should().BeNull();
        Window(stats, "1h").Requests.Should().Be(2);
        stats.RequestCompleted("v1", "champion", 200, 0.05);
        Window(stats, "1m").Requests.Should().Be(1);
        Window(stats, "1h").Requests.Should().Be(3);
    }

    [Fact]
    public void The_1h_and_24h_windows_drop_minutes_older_than_their_length()
    {
        var clock = new ManualTimeProvider(Start);
        var stats = new ServiceStatsRecorder(Bounds, clock);
        stats.RequestCompleted("v1", "champion", 200, 0.05); // 10:00
        clock.Advance(TimeSpan.FromMinutes(59)); // 10:59: 10:00 is the oldest minute of the hour
        Window(stats, "1h").Requests.Should().Be(1);
        clock.Advance(TimeSpan.FromMinutes(1)); // 11:00
        Window(stats, "1h").Requests.Should().Be(0);
        Window(stats, "24h").Requests.Should().Be(1);
        clock.Advance(TimeSpan.FromMinutes((23 * 60) - 1)); // 09:59 next day: 10:00 is still in the 24 h
        Window(stats, "24h").Requests.Should().Be(1);
        clock.Advance(TimeSpan.FromMinutes(1)); // 10:00 next day: the slot of 10:00 is a day old
        Window(stats, "24h").Requests.Should().Be(0);
        stats.RequestCompleted("v1", "champion", 500, 0.05); // reuses the ring slot of yesterday's 10:00
        Window(stats, "24h").Requests.Should().Be(1);
        Window(stats, "24h").Errors.Should().Be(1);
    }

    [Fact]
    public void Percentiles_interpolate_linearly_inside_the_bucket_like_histogram_quantile()
    {
        var stats = new ServiceStatsRecorder(Bounds, new ManualTimeProvider(Start));
        // 10 in (0, 0.1], 50 in (0.1, 0.5], 30 in (0.5, 1], 10 above 1.
        Record(stats, 10, 0.05);
        Record(stats, 50, 0.3);
        Record(stats, 30, 0.7);
        Record(stats, 10, 3);

        var window = Window(stats, "1m");
        window.LatencyP50Seconds.Should().BeApproximately(0.1 + (0.4 * 40 / 50), 1e-12); // rank 50: 40th of 50 in (0.1, 0.5]
        window.LatencyP90Seconds.Should().BeApproximately(1, 1e-12); // rank 90: the end of (0.5, 1]
        window.LatencyP99Seconds.Should().Be(1, "a rank in +Inf is the last finite bound");
    }

    [Fact]
    public void Shadow_agreement_and_check_failures_are_kept_per_version_and_role()
    {
        var stats = new ServiceStatsRecorder(Bounds, new ManualTimeProvider(Start));
        stats.RequestCompleted("v1", "champion", 200, 0.01);
        stats.CheckFailures("v1", "champion", 2);
        stats.RequestCompleted("v2", ServiceStatsRecorder.ShadowRole, 200, 0.01);
        stats.ShadowCompared("v2", 4, 3);
        stats.ShadowUnanswered("v2");

        var all = stats.Read();
        all.Select(s => (s.Version, s.Role)).Should().Equal(("v1", "champion"), ("v2", "shadow"));
        var champion = all[0].Windows.Single(w => w.Window == "1m");
        champion.CheckFailures.Should().Be(2);
        champion.ShadowAgreement.Should().BeNull();
        var shadow = all[1].Windows.Single(w => w.Window == "1m");
        shadow.ShadowAgreement.Should().Be(0.75);
        shadow.Requests.Should().Be(2);
        shadow.Errors.Should().Be(1, "a shadow without an answer is an error");
        all[0].Windows.Select(w => w.Window).Should().Equal("1m", "1h", "24h");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(200, false)]
    [InlineData(404, false)]
    [InlineData(500, true)]
    [InlineData(504, true)]
    public void Errors_are_5xx_and_unanswered(int status, bool error) => ServiceStatsRecorder.IsError(status).Should().Be(error);

    private static void Record(ServiceStatsRecorder stats, int count, double seconds)
    {
        for (var i = 0; i < count; i++)
        {
            stats.RequestCompleted("v1", "champion", 200, seconds);
        }
    }

    private static Api.Routing.WindowStats Window(ServiceStatsRecorder stats, string name) =>
        stats.Read().Single(s => s.Version == "v1").Windows.Single(w => w.Window == name);
}
