using k8s.Models;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout.Checks;

public sealed class ReplacementChecksTests
{
    private static readonly ModelSpec Pending = new() { Uri = "http://models/iris-v2.onnx", Version = "v2", Sha256 = new string('a', 64) };

    private static V1ContainerStatus Failed(string name, string message) => new()
    {
        Name = name,
        RestartCount = 1,
        Image = "i",
        ImageID = "",
        Ready = false,
        State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
        LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Message = message } },
    };

    private static V1Pod Pod(V1ContainerStatus? init, V1ContainerStatus? server) => new()
    {
        Metadata = new V1ObjectMeta { Name = "iris-v2-abc" },
        Status = new V1PodStatus { InitContainerStatuses = init is null ? null : [init], ContainerStatuses = server is null ? null : [server] },
    };

    [Fact]
    public void A_failing_fetch_fails_the_fetch_check()
    {
        var checks = ReplacementChecks.FromFailedContainers(Pending, [Pod(Failed("fetch", "modelship fetch: sha256 mismatch"), null)])!;

        checks.Status.Should().Be(ValidationResult.Failing);
        checks.Version.Should().Be("v2");
        checks.Checks!.Keys.Should().Equal("fetch");
        ReplacementChecks.Failures(checks).Should().Be("fetch: the model could not be fetched (pod iris-v2-abc, init container fetch, exit code 1, 1 restarts): modelship fetch: sha256 mismatch");
    }

    [Fact]
    public void A_failing_server_fails_the_format_check_after_a_passed_fetch()
    {
        var checks = ReplacementChecks.FromFailedContainers(Pending, [Pod(null, Failed("server", "modelship runtime: not an ONNX model"))])!;

        checks.Checks![FetchCheck.Name].Status.Should().Be(ValidationResult.Passing);
        checks.Checks[FormatCheck.Name].Should().Be(new ReplacementCheck
        {
            Status = ValidationResult.Failing,
            Message = "the runtime could not load the ONNX model (pod iris-v2-abc, container server, exit code 1, 1 restarts): modelship runtime: not an ONNX model",
        });
    }

    [Fact]
    public void Pods_without_failures_decide_nothing() =>
        ReplacementChecks.FromFailedContainers(Pending, [Pod(null, null)]).Should().BeNull();

    [Fact]
    public void The_overall_result_is_the_worst()
    {
        var status = ReplacementChecks.Of("v2", new Dictionary<string, ReplacementCheck>
        {
            ["fetch"] = FetchCheck.Fetched(Pending),
            ["samplePrediction"] = new() { Status = ValidationResult.Warning, Message = "not compared" },
        });

        status.Status.Should().Be(ValidationResult.Warning);
        ReplacementChecks.Failures(status).Should().BeNull();
    }
}
