using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>
/// The signature-match replacement check: a new champion must accept the same inputs and produce the same outputs,
/// or callers break. Dimensions of -1 (variable) match any size.
/// </summary>
public static class SignatureCheck
{
    public const string Name = "signature";

    public static ReplacementCheck Compare(ModelSignature? current, ModelSignature? replacement, bool required)
    {
        var failure = required ? ValidationResult.Failing : ValidationResult.Warning;
        if (current is null || replacement is null)
        {
            return new ReplacementCheck { Status = failure, Message = $"could not read the {(current is null ? "current" : "new")} model's metadata" };
        }
        var differences = Differences("input", current.Inputs, replacement.Inputs).Concat(Differences("output", current.Outputs, replacement.Outputs)).ToList();
        return differences.Count == 0
            ? new ReplacementCheck { Status = ValidationResult.Passing, Message = "inputs and outputs match" }
            : new ReplacementCheck { Status = failure, Message = string.Join("; ", differences) };
    }

    /// <summary>The overall result: the worst of the checks.</summary>
    public static ValidationResult Overall(IEnumerable<ReplacementCheck> checks) =>
        checks.Select(c => c.Status).DefaultIfEmpty(ValidationResult.Passing).Max();

    private static IEnumerable<string> Differences(string kind, IReadOnlyList<TensorSignature> current, IReadOnlyList<TensorSignature> replacement)
    {
        foreach (var tensor in current)
        {
            var match = replacement.FirstOrDefault(t => t.Name == tensor.Name);
            if (match is null)
            {
                yield return $"{kind} '{tensor.Name}' is missing";
            }
            else if (match.Datatype != tensor.Datatype)
            {
                yield return $"{kind} '{tensor.Name}' is {match.Datatype}, was {tensor.Datatype}";
            }
            else if (!ShapesMatch(tensor.Shape, match.Shape))
            {
                yield return $"{kind} '{tensor.Name}' has shape [{string.Join(',', match.Shape)}], was [{string.Join(',', tensor.Shape)}]";
            }
        }
        foreach (var added in replacement.Where(t => current.All(c => c.Name != t.Name)))
        {
            yield return $"{kind} '{added.Name}' is new";
        }
    }

    private static bool ShapesMatch(IReadOnlyList<long> a, IReadOnlyList<long> b) =>
        a.Count == b.Count && a.Zip(b).All(pair => pair.First == pair.Second || pair.First < 0 || pair.Second < 0);
}
