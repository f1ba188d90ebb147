using Modelship.Api.Routing;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Builders;

namespace Modelship.Operator.Tests.ModelDeployment.Builders;

/// <summary>The table of a rollout's mirror phase: the new version as a shadow of the champion, a table the router accepts.</summary>
public sealed class RoutingTableMirrorPhaseTests
{
    private static readonly ModelSpec V1 = new() { Uri = "https://models.example.com/iris/v1.onnx", Version = "v1" };
    private static readonly ModelSpec V2 = new() { Uri = "https://models.example.com/iris/v2.onnx", Version = "v2" };

    private static RoutingTable Mirror() => RoutingTableBuilder.Build(
        "iris",
        4,
        [new ModelBackend("champion", BackendRole.Champion, V1, 0), new ModelBackend("canary", BackendRole.Shadow, V2, 0)],
        null,
        null,
        b => $"http://iris-{b.Model.Version}.ns.svc:8080");

    [Fact]
    public void The_new_version_is_a_shadow_that_answers_nothing()
    {
        var table = Mirror();
        table.Champion!.Version.Should().Be("v1");
        table.Backends.Should().ContainSingle(b => b.Version == "v2").Which.Should().Match<RoutingBackend>(b => b.Name == "canary" && b.Role == BackendRole.Shadow && b.Weight == 0);
        RoutingTableValidator.Validate(table).Should().BeEmpty();
    }

    [Fact]
    public void A_weight_given_to_a_shadow_is_ignored() =>
        RoutingTableBuilder.Build("iris", 1, [new ModelBackend("champion", BackendRole.Champion, V1, 0), new ModelBackend("canary", BackendRole.Shadow, V2, 30)], null, null, _ => "http://x:1")
            .Backends.Single(b => b.Name == "canary").Weight.Should().Be(0);
}
