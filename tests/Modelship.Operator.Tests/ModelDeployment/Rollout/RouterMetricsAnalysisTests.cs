using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class RouterMetricsAnalysisTests
{
    private const string Exposition = """
        # TYPE modelship_requests_total counter
        modelship_requests_total{model="iris",version="v1",role="champion",code="200"} 900
        modelship_requests_total{model="iris",version="v2",role="challenger",code="200"} 80
        modelship_requests_total{model="iris",version="v2",role="challenger",code="503"} 20
        """;

    [Fact]
    public void Error_rate_above_the_threshold_fails() =>
        RouterMetricsAnalysis.Judge(Exposition, "v2", new RolloutAnalysis { MaxErrorRate = 0.05 }).Should()
            .Be(AnalysisVerdict.Failing("error rate 0.2 above 0.05 (20/100)"));

    [Fact]
    public void Error_rate_within_the_threshold_passes() =>
        RouterMetricsAnalysis.Judge(Exposition, "v2", new RolloutAnalysis { MaxErrorRate = 0.25 }).Outcome.Should().Be(AnalysisOutcome.Passing);

    [Fact]
    public void Too_few_requests_are_inconclusive() =>
        RouterMetricsAnalysis.Judge(Exposition, "v3", new RolloutAnalysis { MaxErrorRate = 0.05 }).Outcome.Should().Be(AnalysisOutcome.Inconclusive);

    [Fact]
    public void Unmeasured_thresholds_are_not_silently_passed() =>
        RouterMetricsAnalysis.Judge(Exposition, "v2", new RolloutAnalysis { MinShadowAgreement = 0.9 }).Outcome.Should().Be(AnalysisOutcome.Failing);
}
