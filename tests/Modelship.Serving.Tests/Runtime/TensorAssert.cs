using Modelship.Serving.Protocol;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>Compares tensors: floats within |a - e| &lt;= atol + rtol * |e| (NaN equals NaN), everything else exactly.</summary>
internal static class TensorAssert
{
    public static void Close(InferenceTensor actual, InferenceTensor expected, double rtol = 1e-3, double atol = 1e-5)
    {
        actual.DataType.Should().Be(expected.DataType, $"datatype of '{expected.Name}'");
        actual.Shape.Should().Equal(expected.Shape, $"shape of '{expected.Name}'");
        switch (expected.DataType)
        {
            case TensorDataType.Bytes:
                actual.Strings.Should().Equal(expected.Strings, $"strings of '{expected.Name}'");
                break;
            case TensorDataType.Fp32:
                Floats(expected.Name, actual.ToArray<float>().Select(v => (double)v).ToArray(),
                    expected.ToArray<float>().Select(v => (double)v).ToArray(), rtol, atol);
                break;
            case TensorDataType.Fp64:
                Floats(expected.Name, actual.ToArray<double>(), expected.ToArray<double>(), rtol, atol);
                break;
            case TensorDataType.Fp16:
                Floats(expected.Name, actual.ToArray<Half>().Select(v => (double)v).ToArray(),
                    expected.ToArray<Half>().Select(v => (double)v).ToArray(), Math.Max(rtol, 1e-2), Math.Max(atol, 1e-3));
                break;
            default:
                actual.Buffer.Should().Equal(expected.Buffer, $"elements of '{expected.Name}'");
                break;
        }
    }

    private static void Floats(string name, double[] actual, double[] expected, double rtol, double atol)
    {
        actual.Length.Should().Be(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var (a, e) = (actual[i], expected[i]);
            if (double.IsNaN(e) && double.IsNaN(a)) continue;
            if (a == e) continue; // also equal infinities
            Math.Abs(a - e).Should().BeLessThanOrEqualTo(atol + rtol * Math.Abs(e), $"element {i} of '{name}' is {a}, expected {e}");
        }
    }
}
