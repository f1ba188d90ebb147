using System.Text;
using Modelship.Api.Routing;
using Modelship.Serving.Routing;

namespace Modelship.Serving.Tests.Routing;

public class SplitTests
{
    private const int Samples = 10_000;
    private static readonly RoutingTable SeventyTwentyTen = RoutingTables.ChampionChallengers(1, ("a", 20), ("b", 10));

    [Fact]
    public void Weighted_split_follows_the_weights_within_two_points()
    {
        var split = new WeightedSplit(new Random(20261122));
        var layout = new SplitLayout(SeventyTwentyTen);

        var counts = Enumerable.Range(0, Samples).Select(_ => split.Select(layout).Name).CountBy(n => n).ToDictionary();

        ShareOf(counts, "champion").Should().BeApproximately(70, 2);
        ShareOf(counts, "a").Should().BeApproximately(20, 2);
        ShareOf(counts, "b").Should().BeApproximately(10, 2);
    }

    [Fact]
    public void Sticky_split_over_distinct_keys_follows_the_weights_within_two_points()
    {
        var layout = new SplitLayout(SeventyTwentyTen);

        var counts = Enumerable.Range(0, Samples).Select(i => StickyHashSplit.Select(layout, $"user-{i}").Name).CountBy(n => n).ToDictionary();

        ShareOf(counts, "champion").Should().BeApproximately(70, 2);
        ShareOf(counts, "a").Should().BeApproximately(20, 2);
        ShareOf(counts, "b").Should().BeApproximately(10, 2);
    }

    [Fact]
    public void Sticky_split_sends_a_key_to_the_same_backend_across_calls_and_new_instances()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"customer-{i}").ToArray();
        var first = keys.Select(k => StickyHashSplit.Select(new SplitLayout(SeventyTwentyTen), k).Name).ToArray();

        var again = keys.Select(k => StickyHashSplit.Select(new SplitLayout(SeventyTwentyTen), k).Name).ToArray();
        var reordered = SeventyTwentyTen with { Backends = [.. SeventyTwentyTen.Backends.Reverse()], Generation = 2 };
        var fromReorderedTable = keys.Select(k => StickyHashSplit.Select(new SplitLayout(reordered), k).Name).ToArray();
        var fromBytes = keys.Select(k => StickyHashSplit.Select(new SplitLayout(SeventyTwentyTen), Encoding.UTF8.GetBytes(k)).Name).ToArray();

        again.Should().Equal(first);
        fromReorderedTable.Should().Equal(first);
        fromBytes.Should().Equal(first);
        first.Distinct().Should().HaveCount(3, "1000 keys reach every backend");
    }

    [Fact]
    public void Raising_the_last_challengers_weight_moves_only_that_share_from_the_champion()
    {
        var before = new SplitLayout(SeventyTwentyTen);
        var after = new SplitLayout(RoutingTables.ChampionChallengers(2, ("a", 20), ("b", 15)));
        var keys = Enumerable.Range(0, Samples).Select(i => $"session-{i}").ToArray();

        var moves = keys
            .Select(k => (From: StickyHashSplit.Select(before, k).Name, To: StickyHashSplit.Select(after, k).Name))
            .Where(m => m.From != m.To)
            .ToArray();

        (moves.Length * 100.0 / Samples).Should().BeApproximately(5, 1);
        moves.Should().OnlyContain(m => m.From == "champion" && m.To == "b");
    }

    [Fact]
    public void Key_split_routes_listed_values_and_sends_the_rest_to_the_default()
    {
        var rule = new KeySplitRule
        {
            Source = KeySource.Header,
            Name = "x-country",
            Routes = new Dictionary<string, string> { ["de"] = "a", ["fr"] = "b" },
            Default = "champion",
        };

        KeySplit.Select(rule, "de").Should().Be("a");
        KeySplit.Select(rule, "fr").Should().Be("b");
        KeySplit.Select(rule, "DE").Should().Be("champion", "values are compared ordinally");
        KeySplit.Select(rule, "us").Should().Be("champion");
        KeySplit.Select(rule, null).Should().Be("champion");
        KeySplit.Select(rule with { Default = null }, "us").Should().BeNull();
    }

    [Fact]
    public void Fnv1a64_matches_the_published_test_vectors()
    {
        StableKeyHash.Fnv1a64(""u8).Should().Be(0xcbf29ce484222325UL);
        StableKeyHash.Fnv1a64("a"u8).Should().Be(0xaf63dc4c8601ec8cUL);
        StableKeyHash.Fnv1a64("foobar"u8).Should().Be(0x85944171f73967e8UL);
    }

    [Fact]
    public void Stable_key_hash_is_fixed_across_releases_and_in_range()
    {
        // A golden value: changing the hash would move every sticky caller to another backend on upgrade.
        StableKeyHash.Hash("user-1"u8).Should().Be(0x41a2fca5c68401c5UL);
        StableKeyHash.Percent("user-1"u8).Should().BeApproximately(25.63932327962135, 1e-9);
        StableKeyHash.ToPercent(ulong.MaxValue).Should().BeLessThan(100);
        StableKeyHash.ToPercent(0).Should().Be(0);
    }

    private static double ShareOf(Dictionary<string, int> counts, string name) => counts.GetValueOrDefault(name) * 100.0 / Samples;
}
