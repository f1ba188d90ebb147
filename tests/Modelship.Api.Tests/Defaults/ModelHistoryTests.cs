using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Defaults;

public class ModelHistoryTests
{
    private static ModelHistoryEntry Entry(int n, HistoryOutcome outcome = HistoryOutcome.Replaced) =>
        new() { Version = $"v{n}", Uri = $"pvc://models/v{n}", Outcome = outcome };

    [Fact]
    public void Newest_entry_comes_first_and_the_oldest_fall_off_at_ten()
    {
        IReadOnlyList<ModelHistoryEntry> history = [];
        for (var n = 1; n <= 12; n++)
        {
            history = ModelHistory.Record(history, Entry(n));
        }

        history.Select(e => e.Version).Should().Equal("v12", "v11", "v10", "v9", "v8", "v7", "v6", "v5", "v4", "v3");
    }

    [Fact]
    public void RetireActive_marks_only_the_active_entry()
    {
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var history = ModelHistory.RetireActive([Entry(2, HistoryOutcome.Active), Entry(1, HistoryOutcome.RolledBack)], at);

        history[0].Should().Be(Entry(2) with { RetiredAt = at });
        history[1].Should().Be(Entry(1, HistoryOutcome.RolledBack));
    }

    [Fact]
    public void TrafficSummary_is_ready_over_declared()
    {
        TrafficSummary.Format(1, 2).Should().Be("1/2");
    }
}
