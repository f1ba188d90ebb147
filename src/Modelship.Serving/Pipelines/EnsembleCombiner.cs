using Modelship.Api.Routing;
using Modelship.Serving.Protocol;

namespace Modelship.Serving.Pipelines;

/// <summary>
/// Combines the outputs of a multiModel step's models (in declared order). Pure; a combination that cannot be made
/// (an output missing from one model, shapes or types that differ) throws <see cref="InferenceProtocolException"/>
/// with the reason.
/// </summary>
public static class EnsembleCombiner
{
    /// <param name="step">The step's name, the prefix of concatenated output names.</param>
    /// <param name="combine">How to combine.</param>
    /// <param name="answers">Each model's name and outputs, in declared order; null for a model that did not answer.</param>
    public static List<RawTensor> Combine(string step, StepCombine combine, IReadOnlyList<(string Model, IReadOnlyList<RawTensor>? Outputs)> answers) => combine switch
    {
        StepCombine.Concat => Concat(step, answers),
        StepCombine.First => [.. answers.First(a => a.Outputs is not null).Outputs!],
        StepCombine.Mean => Elementwise(answers, Mean),
        StepCombine.Vote => Elementwise(answers, Vote),
        _ => throw new ArgumentOutOfRangeException(nameof(combine), combine, "unknown combine"),
    };

    private static List<RawTensor> Concat(string step, IReadOnlyList<(string Model, IReadOnlyList<RawTensor>? Outputs)> answers) =>
        [.. answers.SelectMany(a => a.Outputs!.Select(o => o.WithName($"{step}.{a.Model}.{o.Name}")))];

    /// <summary>Combines same-named outputs, in the order of the first model's outputs.</summary>
    private static List<RawTensor> Elementwise(
        IReadOnlyList<(string Model, IReadOnlyList<RawTensor>? Outputs)> answers, Func<string, InferenceTensor[], InferenceTensor> combine)
    {
        var combined = new List<RawTensor>();
        foreach (var output in answers[0].Outputs!)
        {
            var tensors = new InferenceTensor[answers.Count];
            for (var i = 0; i < answers.Count; i++)
            {
                var match = answers[i].Outputs!.FirstOrDefault(o => o.Name == output.Name);
                if (match.Json.IsEmpty)
                {
                    throw new InferenceProtocolException($"model '{answers[i].Model}' has no output '{output.Name}' to combine");
                }
                tensors[i] = match.Parse();
                if (!tensors[i].Shape.AsSpan().SequenceEqual(tensors[0].Shape))
                {
                    throw new InferenceProtocolException(
                        $"output '{output.Name}' has shape [{string.Join(',', tensors[i].Shape)}] from model '{answers[i].Model}' but [{string.Join(',', tensors[0].Shape)}] from '{answers[0].Model}'");
                }
            }
            combined.Add(RawTensor.From(combine(output.Name, tensors)));
        }
        return combined;
    }

    /// <summary>The elementwise mean, FP32 when every model answered FP16 or FP32, FP64 otherwise.</summary>
    private static InferenceTensor Mean(string name, InferenceTensor[] tensors)
    {
        var count = (int)tensors[0].ElementCount;
        var sums = new double[count];
        foreach (var tensor in tensors)
        {
            for (var i = 0; i < count; i++)
            {
                sums[i] += TensorValues.Number(tensor, i);
            }
        }
        if (tensors.All(t => t.DataType is TensorDataType.Fp32 or TensorDataType.Fp16))
        {
            return InferenceTensor.FromArray(name, tensors[0].Shape, sums.Select(s => (float)(s / tensors.Length)).ToArray());
        }
        return InferenceTensor.FromArray(name, tensors[0].Shape, sums.Select(s => s / tensors.Length).ToArray());
    }

    /// <summary>The elementwise majority value; a tie goes to the value of the earliest model among the tied.</summary>
    private static InferenceTensor Vote(string name, InferenceTensor[] tensors)
    {
        if (tensors.Any(t => t.DataType != tensors[0].DataType))
        {
            throw new InferenceProtocolException($"output '{name}' has datatypes {string.Join(", ", tensors.Select(t => t.DataType.ToV2Name()).Distinct())}; a vote needs one");
        }
        var count = (int)tensors[0].ElementCount;
        var winners = new int[count];
        for (var i = 0; i < count; i++)
        {
            var best = 0;
            var bestVotes = 0;
            for (var candidate = 0; candidate < tensors.Length; candidate++)
            {
                var value = TensorValues.Element(tensors[candidate], i);
                var votes = tensors.Count(t => Equals(TensorValues.Element(t, i), value));
                if (votes > bestVotes)
                {
                    (best, bestVotes) = (candidate, votes);
                }
            }
            winners[i] = best;
        }
        var first = tensors[0];
        if (first.DataType == TensorDataType.Bytes)
        {
            return InferenceTensor.FromStrings(name, first.Shape, [.. winners.Select((w, i) => tensors[w].Strings![i])]);
        }
        var size = first.DataType.ElementSize();
        var buffer = new byte[first.Buffer!.Length];
        for (var i = 0; i < count; i++)
        {
            tensors[winners[i]].Buffer.AsSpan(i * size, size).CopyTo(buffer.AsSpan(i * size));
        }
        return InferenceTensor.FromBuffer(name, first.DataType, first.Shape, buffer);
    }
}
