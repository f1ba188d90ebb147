using Modelship.Api.V1Alpha1;
using Modelship.Operator.Controllers.ModelDeployment.Rollout;
using Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

namespace Modelship.Operator.Tests.ModelDeployment.Rollout;

public sealed class SignatureCheckTests
{
    private static readonly ModelSignature Iris = new([new TensorSignature("input", "FP32", [-1, 4])], [new TensorSignature("label", "INT64", [-1])]);

    [Fact]
    public void Same_signature_passes() =>
        SignatureCheck.Compare(Iris, Iris with { Inputs = [new TensorSignature("input", "FP32", [1, 4])] }, required: true).Status.Should().Be(ValidationResult.Passing);

    [Fact]
    public void Changed_input_type_fails_when_required()
    {
        var check = SignatureCheck.Compare(Iris, Iris with { Inputs = [new TensorSignature("input", "FP64", [-1, 4])] }, required: true);
        check.Status.Should().Be(ValidationResult.Failing);
        check.Message.Should().Contain("input 'input' is FP64, was FP32");
    }

    [Fact]
    public void Missing_output_is_only_a_warning_when_not_required() =>
        SignatureCheck.Compare(Iris, Iris with { Outputs = [] }, required: false).Status.Should().Be(ValidationResult.Warning);

    [Fact]
    public void Unreadable_metadata_fails_when_required() =>
        SignatureCheck.Compare(Iris, null, required: true).Message.Should().Contain("new model");

    [Fact]
    public void Overall_is_the_worst_check() =>
        SignatureCheck.Overall([new ReplacementCheck { Status = ValidationResult.Warning }, new ReplacementCheck { Status = ValidationResult.Passing }]).Should().Be(ValidationResult.Warning);
}
