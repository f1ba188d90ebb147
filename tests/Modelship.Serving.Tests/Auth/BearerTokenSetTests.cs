using Modelship.Serving.Auth;

namespace Modelship.Serving.Tests.Auth;

public sealed class BearerTokenSetTests
{
    [Fact]
    public void Holds_each_token_trimmed_and_leaves_out_empty_ones()
    {
        var set = BearerTokenSet.Of(["alpha\n", "  beta  ", "", "   \n", "alpha"]);

        set.Count.Should().Be(2, "empty ones are not tokens and a repeated token counts once");
        set.Contains("alpha").Should().BeTrue();
        set.Contains("beta").Should().BeTrue();
    }

    public static TheoryData<string> NotTokens => ["", "alph", "alphaa", "Alpha", "beta ", "alpha\n", new string('a', 5000), "ǎlpha"];

    [Theory]
    [MemberData(nameof(NotTokens))]
    public void Refuses_everything_else(string presented) =>
        BearerTokenSet.Of(["alpha", "beta"]).Contains(presented).Should().BeFalse();

    [Fact]
    public void The_empty_set_refuses_every_token()
    {
        BearerTokenSet.Empty.Contains("anything").Should().BeFalse();
        BearerTokenSet.Of([]).Contains("").Should().BeFalse();
    }

    [Fact]
    public void Non_ascii_tokens_compare_by_their_utf8_bytes()
    {
        var set = BearerTokenSet.Of(["clé-🔑"]);
        set.Contains("clé-🔑").Should().BeTrue();
        set.Contains("cle-🔑").Should().BeFalse();
    }
}
