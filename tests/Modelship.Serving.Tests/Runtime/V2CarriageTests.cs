using Modelship.Serving.Runtime;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Tests.Runtime;

public sealed class V2CarriageTests
{
    private static OnnxValueInfo Tensor(string name, OnnxElementType type) => new(name, OnnxValueKind.Tensor, type, [-1], [""]);

    [Fact]
    public void Tensors_of_V2_datatypes_and_sequences_of_maps_out_can_be_carried()
    {
        var zipMap = new OnnxValueInfo("probabilities", OnnxValueKind.Sequence, OnnxElementType.Float, [], [], OnnxElementType.Int64);

        V2Carriage.Problems([Tensor("x", OnnxElementType.Float), Tensor("s", OnnxElementType.String)], [Tensor("y", OnnxElementType.Int64), zipMap])
            .Should().BeEmpty();
    }

    [Fact]
    public void Every_input_and_output_V2_cannot_carry_is_named_once()
    {
        var zipMapInput = new OnnxValueInfo("m", OnnxValueKind.Sequence, OnnxElementType.Float, [], [], OnnxElementType.Int64);

        V2Carriage.Problems([Tensor("b", OnnxElementType.BFloat16), zipMapInput], [Tensor("y", OnnxElementType.BFloat16), Tensor("c", OnnxElementType.Complex64)])
            .Should().Equal(
                "input 'b' is tensor(BFloat16)[-1], which the V2 protocol cannot carry",
                "input 'm' is seq(map(Int64,Float)), which the V2 protocol cannot carry",
                "output 'y' is tensor(BFloat16)[-1], which the V2 protocol cannot carry",
                "output 'c' is tensor(Complex64)[-1], which the V2 protocol cannot carry");
    }
}
