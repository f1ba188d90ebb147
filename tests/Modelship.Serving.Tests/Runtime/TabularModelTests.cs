using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime.Onnx;
using Modelship.Serving.Tests.Models;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>ai.onnx.ml models built by make_test_models.py, run through OnnxSession, against numpy's answers.</summary>
public sealed class TabularModelTests
{
    [Theory]
    [InlineData(TestModels.LinearRegressor)]
    [InlineData(TestModels.TreeRegressor)]
    [InlineData(TestModels.LinearClassifier)]
    [InlineData(TestModels.ZipMapClassifier)]
    public void Outputs_match_numpy(string model)
    {
        using var session = OnnxSession.Load(TestModels.PathOf(model), new OnnxSessionOptions());
        var expected = TestModels.ExpectedOutputs(model);

        var actual = session.Run(TestModels.Request(model).Inputs);

        actual.Select(o => o.Name).Should().Equal(expected.Select(o => o.Name));
        for (var i = 0; i < expected.Count; i++) TensorAssert.Close(actual[i], expected[i], rtol: 1e-5, atol: 1e-6);
    }

    [Fact]
    public void Linear_regressor_matches_the_hand_computed_answer()
    {
        // 0.5*1 - 1.25*2 + 2*3 + 0.75 = 4.75 and 0.5*10 - 1.25*(-3) + 2*7 + 0.75 = 23.5
        using var session = OnnxSession.Load(TestModels.PathOf(TestModels.LinearRegressor), new OnnxSessionOptions());
        var x = InferenceTensor.FromArray("X", [2, 3], new float[] { 1, 2, 3, 10, -3, 7 });

        var y = session.Run([x]).Single();

        y.Shape.Should().Equal(2, 1);
        y.ToArray<float>().Should().Equal(4.75f, 23.5f);
    }

    [Fact]
    public void Sequence_of_maps_output_is_reported_with_its_keys()
    {
        using var session = OnnxSession.Load(TestModels.PathOf(TestModels.ZipMapClassifier), new OnnxSessionOptions());
        var probabilities = session.Outputs.Single(o => o.Name == "probabilities");
        probabilities.IsSequenceOfMaps.Should().BeTrue();
        probabilities.MapKeyType.Should().Be(OnnxElementType.Int64);
        probabilities.DataType.Should().Be(TensorDataType.Fp32);

        var output = session.Run(TestModels.Request(TestModels.ZipMapClassifier).Inputs, ["probabilities"]).Single();

        output.Parameters!["keys"].EnumerateArray().Select(k => k.GetInt64()).Should().Equal(0, 1, 2);
    }
}
