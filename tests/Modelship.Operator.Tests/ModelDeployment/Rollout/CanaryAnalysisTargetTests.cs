using k8s.Models;
using Modelship.Kubernetes.Models;
using Modelship.Operator.Controllers.ModelDeployment.Builders;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Tests.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class CanaryAnalysisTargetTests
{
    private static V1Pod RouterPod(string? ip) => new() { Status = new V1PodStatus { PodIP = ip } };

    [Fact]
    public void Reads_every_router_pod_that_has_an_ip()
    {
        var target = CanaryAnalysisTarget.For(Samples.Fraud(), "v3", 10, [RouterPod("10.0.0.9"), RouterPod(null), RouterPod("10.0.0.2"), RouterPod("fd00::7")], new ModelDeploymentBuildOptions { RouterPort = 9000 });
        target.Should().Be(new CanaryAnalysisTarget("v3", CanaryAnalysisPhase.Weighted, target.RouterMetricsUrls));
        target.RouterMetricsUrls.Select(u => u.ToString()).Should().Equal("http://10.0.0.2:9000/metrics", "http://10.0.0.9:9000/metrics", "http://[fd00::7]:9000/metrics");
    }

    [Fact]
    public void Falls_back_to_the_endpoint_service_without_pod_ips() =>
        CanaryAnalysisTarget.For(Samples.Fraud(), "v3", 0, [RouterPod(null)], new ModelDeploymentBuildOptions()).RouterMetricsUrls
            .Select(u => u.ToString()).Should().Equal("http://fraud.risk.svc.cluster.local/metrics");

    [Theory]
    [InlineData(0, CanaryAnalysisPhase.Mirror)]
    [InlineData(1, CanaryAnalysisPhase.Weighted)]
    [InlineData(99, CanaryAnalysisPhase.Weighted)]
    public void Weight_zero_is_the_mirror_phase(int weight, CanaryAnalysisPhase phase) =>
        CanaryAnalysisTarget.PhaseOf(weight).Should().Be(phase);
}
