using Modelship.Serving.Monitoring.Actuals;

namespace Modelship.Serving.Tests.Monitoring;

public sealed class JoinStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly JoinLimits Roomy = new(1000, TimeSpan.FromHours(1), 100);

    private readonly string _directory = Directory.CreateTempSubdirectory("modelship-join-").FullName;

    [Fact]
    public void An_actual_joins_its_prediction_once_and_a_second_one_is_a_duplicate()
    {
        using var store = JoinStore.Open(_directory, Roomy, Now, _ => { });
        store.AddPrediction(Prediction("a", "1", [0.1, 0.9]), Roomy, Now).Should().BeNull();

        var (result, joined) = store.AddActual("a", ActualValue.FromNumber(1), Roomy, Now);
        result.Should().Be(ActualResult.Joined);
        joined!.Prediction.Should().BeEquivalentTo(Prediction("a", "1", [0.1, 0.9]), "the prediction is read back from its segment");
        joined.Actual.Label.Should().Be("1");

        store.AddActual("a", ActualValue.FromNumber(0), Roomy, Now).Result.Should().Be(ActualResult.Duplicate);
    }

    [Fact]
    public void An_actual_before_its_prediction_waits_and_joins_when_the_prediction_comes()
    {
        using var store = JoinStore.Open(_directory, Roomy, Now, _ => { });
        store.AddActual("early", ActualValue.FromText("setosa"), Roomy, Now).Result.Should().Be(ActualResult.Unmatched);
        store.AddActual("early", ActualValue.FromText("setosa"), Roomy, Now).Result.Should().Be(ActualResult.Duplicate);
        store.Pending.Should().Be(1);

        var joined = store.AddPrediction(Prediction("early", "setosa", null), Roomy, Now);

        joined!.Actual.Label.Should().Be("setosa");
        store.Pending.Should().Be(0);
    }

    [Fact]
    public void The_index_keeps_at_most_max_predictions_oldest_first_and_drops_them_after_the_retention()
    {
        var limits = new JoinLimits(3, TimeSpan.FromMinutes(10), 2);
        using var store = JoinStore.Open(_directory, limits, Now, _ => { });
        for (var i = 0; i < 5; i++)
        {
            store.AddPrediction(Prediction($"p{i}", "1", null), limits, Now);
        }
        store.Predictions.Should().Be(3);
        store.AddActual("p0", ActualValue.FromNumber(1), limits, Now).Result.Should().Be(ActualResult.Unmatched, "p0 was the oldest and went first");
        store.AddActual("p4", ActualValue.FromNumber(1), limits, Now).Result.Should().Be(ActualResult.Joined);

        store.AddActual("x1", ActualValue.FromNumber(1), limits, Now);
        store.AddActual("x2", ActualValue.FromNumber(1), limits, Now);
        store.Pending.Should().Be(2, "pending actuals are bounded too");

        var later = Now + TimeSpan.FromMinutes(11);
        store.AddPrediction(Prediction("late", "1", null) with { Time = later }, limits, later);
        store.Predictions.Should().Be(1, "everything else is older than the retention");
        store.Pending.Should().Be(0);
    }

    [Fact]
    public void Segments_nothing_points_into_are_deleted()
    {
        var limits = new JoinLimits(10, TimeSpan.FromMinutes(10), 10);
        using (var store = JoinStore.Open(_directory, limits, Now, _ => { }, maxSegmentBytes: 200))
        {
            for (var i = 0; i < 40; i++)
            {
                store.AddPrediction(Prediction($"p{i}", "1", null), limits, Now);
            }
            store.Predictions.Should().Be(10);
            // About 100 bytes a line: 10 predictions live in about 5 segments, plus the active one.
            store.Segments.Should().BeInRange(2, 8);
        }
    }

    [Fact]
    public void A_reopened_store_keeps_its_predictions_pending_actuals_and_joins()
    {
        using (var store = JoinStore.Open(_directory, Roomy, Now, _ => { }))
        {
            store.AddPrediction(Prediction("joined", "1", [0.2, 0.8]), Roomy, Now);
            store.AddActual("joined", ActualValue.FromNumber(0), Roomy, Now);
            store.AddPrediction(Prediction("waiting", "0", null), Roomy, Now);
            store.AddActual("early", ActualValue.FromNumber(1), Roomy, Now);
            store.Flush();
        }

        var replayed = new List<JoinedActual>();
        using var reopened = JoinStore.Open(_directory, Roomy, Now, replayed.Add);

        replayed.Should().ContainSingle().Which.Prediction.AssociationId.Should().Be("joined");
        replayed[0].Prediction.Probabilities.Should().Equal(0.2, 0.8);
        replayed[0].Actual.Label.Should().Be("0");
        reopened.Predictions.Should().Be(2);
        reopened.Pending.Should().Be(1);
        reopened.AddActual("joined", ActualValue.FromNumber(1), Roomy, Now).Result.Should().Be(ActualResult.Duplicate, "idempotency survives a restart");
        reopened.AddActual("waiting", ActualValue.FromNumber(0), Roomy, Now).Result.Should().Be(ActualResult.Joined);
        reopened.AddPrediction(Prediction("early", "1", null), Roomy, Now)!.Actual.Label.Should().Be("1");
    }

    [Fact]
    public void A_line_cut_short_by_a_crash_is_skipped_on_reopen()
    {
        using (var store = JoinStore.Open(_directory, Roomy, Now, _ => { }))
        {
            store.AddPrediction(Prediction("whole", "1", null), Roomy, Now);
            store.Flush();
        }
        var segment = Directory.GetFiles(_directory).Single();
        File.AppendAllText(segment, """{"k":"p","t":1,"id":"cut""");

        using var reopened = JoinStore.Open(_directory, Roomy, Now, _ => { });

        reopened.Predictions.Should().Be(1);
        reopened.AddActual("whole", ActualValue.FromNumber(1), Roomy, Now).Result.Should().Be(ActualResult.Joined);
    }

    [Fact]
    public void A_table_from_json_without_the_optional_bounds_gets_the_documented_defaults()
    {
        var table = Api.Routing.RoutingTable.Parse(
            """{"generation":1,"modelName":"iris","backends":[{"name":"c","version":"v1","role":"champion","url":"http://127.0.0.1:9","modelName":"iris","weight":0}],"predictionWarnings":[],"monitoring":{"actuals":{"associationId":{"source":"parameter","name":"id"}}}}""");
        var settings = table.Monitoring!.Actuals!;

        JoinLimits.From(settings).Should().Be(new JoinLimits(100_000, TimeSpan.FromDays(7), JoinLimits.PendingCeiling));
        settings.Window.Should().Be(1000);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Prediction Prediction(string id, string label, double[]? probabilities) => new(id, "v1", Now, label, probabilities, null);
}
