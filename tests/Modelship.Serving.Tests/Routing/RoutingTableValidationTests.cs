using Modelship.Api.Routing;

namespace Modelship.Serving.Tests.Routing;

public class RoutingTableValidationTests
{
    private static readonly RoutingTable Valid = RoutingTables.ChampionChallengers(1, ("a", 20), ("b", 10));

    [Fact]
    public void A_valid_table_has_no_errors() => Valid.Validate().Should().BeEmpty();

    [Fact]
    public void Champion_may_carry_its_computed_rest_weight()
    {
        var table = Valid with { Backends = [RoutingTables.Backend("c", BackendRole.Champion, 70), .. Valid.Backends.Skip(1)] };

        table.Validate().Should().BeEmpty();
    }

    public static TheoryData<string, RoutingTable> InvalidTables()
    {
        static RoutingTable With(params RoutingBackend[] backends) => Valid with { Backends = backends };
        var champion = RoutingTables.Backend("c", BackendRole.Champion);
        return new TheoryData<string, RoutingTable>
        {
            { "challenger weights must sum to at most 100", With(champion, RoutingTables.Backend("a", BackendRole.Challenger, 60), RoutingTables.Backend("b", BackendRole.Challenger, 50)) },
            { "exactly one backend must be the champion (found 0)", With(RoutingTables.Backend("a", BackendRole.Challenger, 10)) },
            { "exactly one backend must be the champion (found 2)", With(champion, RoutingTables.Backend("d", BackendRole.Champion)) },
            { "name is used by more than one backend", With(champion, RoutingTables.Backend("c", BackendRole.Challenger, 10, version: "other")) },
            { "version 'same' is used by more than one backend", With(champion with { Version = "same" }, RoutingTables.Backend("a", BackendRole.Challenger, 10, version: "same")) },
            { "weight must be between 0 and 100", With(champion, RoutingTables.Backend("a", BackendRole.Challenger, 101)) },
            { "weight must be between 0 and 100", With(champion, RoutingTables.Backend("a", BackendRole.Challenger, -1)) },
            { "a shadow receives a copy of every request and takes no weight", With(champion, RoutingTables.Backend("s", BackendRole.Shadow, 5)) },
            { "weight must be 0 or the rest after the challengers (90)", With(champion with { Weight = 50 }, RoutingTables.Backend("a", BackendRole.Challenger, 10)) },
            { "url must be an absolute http or https URL", With(champion with { Url = "10.0.0.1:8080" }) },
            { "url must be an absolute http or https URL", With(champion with { Url = "ftp://10.0.0.1/" }) },
            { "modelName must not be empty", With(champion with { ModelName = "" }) },
            { "backends must not be empty", With() },
            { "modelName must not be empty", Valid with { ModelName = " " } },
            { "generation must not be negative", Valid with { Generation = -1 } },
            { "keySplit.routes['de'] names backend 'missing', which is not in the table", Valid with { KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "country", Routes = new Dictionary<string, string> { ["de"] = "missing" } } } },
            { "keySplit.default names backend 'nope', which is not in the table", Valid with { KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "country", Default = "nope" } } },
            { "keySplit.default names shadow 's'", Valid with { Backends = [.. Valid.Backends, RoutingTables.Backend("s", BackendRole.Shadow)], KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "country", Default = "s" } } },
            { "keySplit.name must not be empty", Valid with { KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "" } } },
            { "stickyKey.name must not be empty", Valid with { StickyKey = new RoutingKey { Source = KeySource.Header, Name = "" } } },
            { "stickyKey.source must be header or input", Valid with { StickyKey = new RoutingKey { Source = (KeySource)7, Name = "x" } } },
            { "min (2) is greater than max (1)", Valid with { PredictionWarnings = [new PredictionBound { Output = "y", Min = 2, Max = 1 }] } },
            { "set min, max or both", Valid with { PredictionWarnings = [new PredictionBound { Output = "y" }] } },
            { "log.sampleRate must be between 0 and 1", Valid with { Log = new InferenceLogSettings { SampleRate = 1.5 } } },
            { "monitoring.drift.referencePath must not be empty", Valid with { Monitoring = new MonitoringSettings { Drift = new DriftSettings { ReferencePath = "" } } } },
            { "monitoring.drift.window must be positive (got 0)", Valid with { Monitoring = new MonitoringSettings { Drift = new DriftSettings { ReferencePath = "/p.json", Window = 0 } } } },
            { "monitoring.actuals.associationId needs a source", Valid with { Monitoring = new MonitoringSettings { Actuals = new ActualsSettings { AssociationId = new AssociationIdKey { Source = AssociationIdSource.Header, Name = " " } } } } },
            { "monitoring.actuals.maxPredictions must be positive (got -1)", Valid with { Monitoring = new MonitoringSettings { Actuals = new ActualsSettings { AssociationId = new AssociationIdKey { Source = AssociationIdSource.Header, Name = "id" }, MaxPredictions = -1 } } } },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidTables))]
    public void Invalid_tables_report_the_broken_rule(string expectedError, RoutingTable table)
    {
        table.Validate().Should().Contain(e => e.Contains(expectedError), because: string.Join(" | ", table.Validate()));
    }
}
