using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class BackendSelectorTests
{
    private static readonly RoutingTable Table = RoutingTables.ChampionChallengers(1, ("a", 20), ("b", 10)) with
    {
        Backends = [.. RoutingTables.ChampionChallengers(1, ("a", 20), ("b", 10)).Backends, RoutingTables.Backend("s", BackendRole.Shadow)],
    };

    private readonly BackendSelector _selector = new(new WeightedSplit(new Random(1)));

    [Fact]
    public void Key_split_takes_precedence_over_the_sticky_key()
    {
        var snapshot = new RoutingSnapshot(Table with
        {
            KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "x-country", Routes = new Dictionary<string, string> { ["de"] = "b" } },
            StickyKey = new RoutingKey { Source = KeySource.Header, Name = "x-user" },
        });
        var keys = new Dictionary<string, string> { ["x-country"] = "de", ["x-user"] = "someone" };

        var selected = Enumerable.Range(0, 50).Select(_ => _selector.Select(snapshot, (_, name) => keys.GetValueOrDefault(name)).Name);

        selected.Should().AllBe("b");
    }

    [Fact]
    public void Unlisted_key_without_default_falls_back_to_the_sticky_split()
    {
        var snapshot = new RoutingSnapshot(Table with
        {
            KeySplit = new KeySplitRule { Source = KeySource.Header, Name = "x-country", Routes = new Dictionary<string, string> { ["de"] = "b" } },
            StickyKey = new RoutingKey { Source = KeySource.Input, Name = "user" },
        });

        var selected = _selector.Select(snapshot, (source, name) => source == KeySource.Input && name == "user" ? "user-7" : "us");

        selected.Name.Should().Be(StickyHashSplit.Select(snapshot.Layout, "user-7").Name);
    }

    [Fact]
    public void Missing_key_split_value_goes_to_the_default()
    {
        var snapshot = new RoutingSnapshot(Table with
        {
            KeySplit = new KeySplitRule { Source = KeySource.Input, Name = "country", Default = "a" },
        });

        var selected = Enumerable.Range(0, 50).Select(_ => _selector.Select(snapshot, (_, _) => null).Name);

        selected.Should().AllBe("a");
    }

    [Fact]
    public void Without_keys_the_weighted_split_is_used_and_shadows_never_answer()
    {
        var snapshot = new RoutingSnapshot(Table with { StickyKey = new RoutingKey { Source = KeySource.Header, Name = "x-user" } });

        var counts = Enumerable.Range(0, 5000).Select(_ => _selector.Select(snapshot, (_, _) => null).Name).CountBy(n => n).ToDictionary();

        counts.Keys.Should().BeEquivalentTo(["champion", "a", "b"]);
        (counts["champion"] / 50.0).Should().BeApproximately(70, 3);
    }

    [Fact]
    public void Snapshot_resolves_backend_addresses_once()
    {
        var snapshot = new RoutingSnapshot(Table with { Backends = [RoutingTables.Backend("c", BackendRole.Champion, url: "http://10.0.0.5:8080/", version: "v1") with { ModelName = "iris v1" }] });

        snapshot.Champion.InferUri.Should().Be(new Uri("http://10.0.0.5:8080/v2/models/iris%20v1/infer"));
        snapshot.Champion.MetadataUri.Should().Be(new Uri("http://10.0.0.5:8080/v2/models/iris%20v1"));
        snapshot.ByVersion("v1").Should().BeSameAs(snapshot.Champion);
        snapshot.Champion.GenerationText.Should().Be("1");
        snapshot.Champion.RoleName.Should().Be("champion");
    }

    [Fact]
    public void Snapshot_rejects_an_invalid_table()
    {
        var act = () => new RoutingSnapshot(Table with { Backends = [] });

        act.Should().Throw<RoutingTableException>();
    }
}
