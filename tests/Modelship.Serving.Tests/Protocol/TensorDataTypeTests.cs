using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Protocol;

public sealed class TensorDataTypeTests
{
    [Fact]
    public void Every_datatype_round_trips_through_its_v2_name()
    {
        foreach (var type in Enum.GetValues<TensorDataType>())
        {
            TensorDataTypes.TryParseV2Name(type.ToV2Name(), out var parsed).Should().BeTrue();
            parsed.Should().Be(type);
        }
    }

    [Theory]
    [InlineData("fp32")]
    [InlineData("FLOAT")]
    [InlineData("BF16")]
    [InlineData("")]
    public void Unknown_names_are_refused(string name)
    {
        TensorDataTypes.TryParseV2Name(name, out _).Should().BeFalse();
    }

    [Fact]
    public void A_buffer_must_hold_exactly_the_shape()
    {
        var create = () => InferenceTensor.FromBuffer("x", TensorDataType.Fp32, [2, 2], new byte[12]);

        create.Should().Throw<ArgumentException>().WithMessage("*12 bytes do not hold shape [2,2] of FP32*");
    }

    [Fact]
    public void Typed_views_must_match_the_datatype()
    {
        var tensor = InferenceTensor.FromArray("x", [1], new[] { 1.0f });

        var view = () => tensor.AsSpan<double>().Length;

        view.Should().Throw<InvalidOperationException>().WithMessage("*is FP32, not Double*");
    }
}
