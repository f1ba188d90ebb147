using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Tests.Summaries;

public sealed class ModelSummaryTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData(null, "v7", "v7 (deploying)")]
    [InlineData("v6", null, "v6")]
    [InlineData("v6", "v7", "v6 (v7 deploying)")]
    [InlineData("v6", "v6", "v6")]
    public void The_model_column_shows_what_serves_and_what_is_on_its_way(string? active, string? pending, string? expected) =>
        ModelSummary.Format(active, pending).Should().Be(expected);
}
