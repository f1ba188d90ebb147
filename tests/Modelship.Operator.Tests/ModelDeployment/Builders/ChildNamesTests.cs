using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

public sealed class ChildNamesTests
{
    [Theory]
    [InlineData("fraud", "v2", "fraud-v2")]
    [InlineData("fraud", "2024-01", "fraud-2024-01")]
    public void Readable_names_are_kept(string deployment, string version, string expected) =>
        ChildNames.Runtime(deployment, version).Should().Be(expected);

    [Theory]
    [InlineData("fraud", "V2.1")]
    [InlineData("fraud", "v2_1")]
    [InlineData("fraud.detector", "v1")]
    [InlineData("9lives", "v1")]
    public void Lossy_names_get_a_stable_hash_and_are_dns_labels(string deployment, string version)
    {
        var name = ChildNames.Runtime(deployment, version);
        name.Should().MatchRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$").And.HaveLength(name.Length);
        name.Length.Should().BeLessThanOrEqualTo(63);
        ChildNames.Runtime(deployment, version).Should().Be(name);
        name.Should().NotBe(ChildNames.Runtime(deployment, version + "x"));
    }

    [Fact]
    public void Versions_that_sanitize_alike_get_different_names() =>
        ChildNames.Runtime("fraud", "v2.1").Should().NotBe(ChildNames.Runtime("fraud", "v2_1"));

    [Fact]
    public void Long_names_are_bounded_to_63_characters()
    {
        var name = ChildNames.Runtime(new string('a', 60), "version-with-a-long-label");
        name.Length.Should().BeLessThanOrEqualTo(63);
        name.Should().NotEndWith("-");
        name.Should().NotBe(ChildNames.Runtime(new string('a', 60), "version-with-a-long-label2"));
    }
}
