using k8s.Models;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout.Checks;

public sealed class ContainerFailureTests
{
    private static V1ContainerState Terminated(int exitCode, string? message = null) => new() { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode, Message = message, Reason = exitCode == 0 ? "Completed" : "Error" } };

    private static readonly V1ContainerState Running = new() { Running = new V1ContainerStateRunning() };

    private static readonly V1ContainerState BackOff = new() { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } };

    private static V1Pod Pod(string name, V1ContainerStatus? init = null, V1ContainerStatus? server = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Status = new V1PodStatus
        {
            InitContainerStatuses = init is null ? null : [init],
            ContainerStatuses = server is null ? null : [server],
        },
    };

    private static V1ContainerStatus Status(string name, int restarts, V1ContainerState state, V1ContainerState? last = null) =>
        new() { Name = name, RestartCount = restarts, State = state, LastState = last, Image = "i", ImageID = "", Ready = false };

    public static TheoryData<string, V1Pod, string?> Cases => new()
    {
        { "first failure: a blip until it repeats", Pod("a", init: Status("fetch", 0, Terminated(1, "modelship fetch: sha256 mismatch"))), null },
        { "failed, restarted and running again", Pod("a", init: Status("fetch", 1, Running, Terminated(1, "boom"))), null },
        { "failed twice, now in back-off", Pod("a", init: Status("fetch", 1, BackOff, Terminated(1, "log line\nmodelship fetch: sha256 mismatch\n"))), "modelship fetch: sha256 mismatch" },
        { "failed twice, terminated now", Pod("a", init: Status("fetch", 1, Terminated(1, "modelship fetch: 404"))), "modelship fetch: 404" },
        { "completed after a failure", Pod("a", init: Status("fetch", 1, Terminated(0), Terminated(1, "x"))), null },
        { "no message: the reason", Pod("a", init: Status("fetch", 3, BackOff, Terminated(137))), "Error" },
        { "another container", Pod("a", init: Status("other", 3, BackOff, Terminated(1, "x"))), null },
        { "no statuses yet", Pod("a"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Repeated_failures_of_the_fetch_init_container(string because, V1Pod pod, string? message) =>
        ContainerFailure.Repeated([pod], "fetch", init: true)?.Message.Should().Be(message, because);

    [Fact]
    public void Server_failures_are_read_from_the_containers_not_the_init_containers()
    {
        var pod = Pod("p", init: Status("fetch", 0, Terminated(0)), server: Status("server", 2, BackOff, Terminated(1, "modelship runtime: cannot load model.onnx")));

        ContainerFailure.Repeated([pod], "server", init: false).Should().Be(new ContainerFailure("p", "server", 1, 2, "modelship runtime: cannot load model.onnx"));
        ContainerFailure.Repeated([pod], "server", init: true).Should().BeNull();
    }
}
