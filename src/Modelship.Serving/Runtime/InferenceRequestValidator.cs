using Modelship.Serving.Protocol;
using Modelship.Serving.Runtime.Onnx;

namespace Modelship.Serving.Runtime;

/// <summary>
/// Checks a request against the model before it reaches ONNX Runtime: every model input given once, no unknown
/// inputs, datatypes equal, ranks equal and fixed dimensions equal (-1 accepts any size), a symbolic dimension
/// (e.g. "batch") the same size in every input that names it, no NUL in strings, requested outputs known.
/// </summary>
public static class InferenceRequestValidator
{
    public static void Validate(InferenceRequest request, IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        var symbolicSizes = new Dictionary<string, (long Size, string Input)>(StringComparer.Ordinal);
        foreach (var tensor in request.Inputs)
        {
            if (!given.Add(tensor.Name))
                throw new InferenceProtocolException($"input '{tensor.Name}' is given more than once");
            var input = inputs.FirstOrDefault(i => i.Name == tensor.Name) ?? throw new InferenceProtocolException(
                $"the model has no input '{tensor.Name}'; its inputs are {NameList(inputs)}");
            ValidateInput(tensor, input);
            ValidateSymbolicDimensions(tensor, input, symbolicSizes);
        }

        var missing = inputs.Where(i => !given.Contains(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
            throw new InferenceProtocolException($"missing input(s) {string.Join(", ", missing.Select(n => $"'{n}'"))}");

        foreach (var requested in request.Outputs ?? [])
        {
            var output = outputs.FirstOrDefault(o => o.Name == requested.Name) ?? throw new InferenceProtocolException(
                $"the model has no output '{requested.Name}'; its outputs are {NameList(outputs)}");
            if (V2Carriage.OutputProblem(output) is { } problem) throw new InferenceProtocolException(problem);
        }
    }

    private static void ValidateInput(InferenceTensor tensor, OnnxValueInfo input)
    {
        if (V2Carriage.InputProblem(input) is { } problem) throw new InferenceProtocolException(problem);
        var expected = input.DataType!.Value; // No problem means a tensor of a V2 datatype.
        if (tensor.DataType != expected)
            throw new InferenceProtocolException(
                $"input '{input.Name}' has datatype {tensor.DataType.ToV2Name()}; the model expects {expected.ToV2Name()}");
        var shapeMatches = tensor.Shape.Length == input.Shape.Length;
        for (var i = 0; shapeMatches && i < input.Shape.Length; i++)
            shapeMatches = input.Shape[i] < 0 || input.Shape[i] == tensor.Shape[i];
        if (!shapeMatches)
            throw new InferenceProtocolException(
                $"input '{input.Name}' has shape [{string.Join(',', tensor.Shape)}]; the model expects [{string.Join(',', input.Shape)}] (-1: any size)");
        // ONNX Runtime takes string elements as C strings: a NUL would silently cut the element short.
        var withNul = Array.FindIndex(tensor.Strings ?? [], s => s.Contains('\0', StringComparison.Ordinal));
        if (withNul >= 0)
            throw new InferenceProtocolException($"input '{input.Name}': element {withNul} contains a NUL character, which string tensors cannot hold");
    }

    private static void ValidateSymbolicDimensions(
        InferenceTensor tensor, OnnxValueInfo input, Dictionary<string, (long Size, string Input)> sizes)
    {
        for (var i = 0; i < input.SymbolicDimensions.Length; i++)
        {
            var symbol = input.SymbolicDimensions[i];
            if (symbol.Length == 0) continue;
            if (!sizes.TryGetValue(symbol, out var seen)) sizes[symbol] = (tensor.Shape[i], input.Name);
            else if (seen.Size != tensor.Shape[i])
                throw new InferenceProtocolException(
                    $"dimension '{symbol}' is {tensor.Shape[i]} in input '{input.Name}' but {seen.Size} in input '{seen.Input}'");
        }
    }

    private static string NameList(IReadOnlyList<OnnxValueInfo> values) =>
        string.Join(", ", values.Select(v => $"'{v.Name}'"));
}
