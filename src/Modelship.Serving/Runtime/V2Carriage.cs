using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Runtime;

/// <summary>
/// Which model inputs and outputs the V2 protocol can carry: tensors of the V2 datatypes in and out, and sequences
/// of maps out (served as tensors). A model with any other input or output (bfloat16, complex, other sequences,
/// maps, optionals) is refused at load: every input must be given, and an answer without "outputs" holds them all.
/// </summary>
public static class V2Carriage
{
    public static string? InputProblem(OnnxValueInfo input) =>
        input.Kind == OnnxValueKind.Tensor && input.DataType is not null ? null : CannotCarry("input", input);

    public static string? OutputProblem(OnnxValueInfo output) =>
        output.DataType is not null ? null : CannotCarry("output", output);

    /// <summary>Every input and output V2 cannot carry, one message each; empty when the model can be served.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs) =>
        [.. inputs.Select(InputProblem).Concat(outputs.Select(OutputProblem)).OfType<string>()];

    private static string CannotCarry(string what, OnnxValueInfo value) =>
        $"{what} '{value.Name}' is {value.Describe()}, which the V2 protocol cannot carry";
}
