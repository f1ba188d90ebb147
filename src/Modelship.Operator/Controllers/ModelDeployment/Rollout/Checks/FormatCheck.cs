using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>
/// The format check: the runtime loaded the model (the built-in runtime: ONNX Runtime created a session from it). A
/// runtime that cannot load its model exits in error; its termination message says why. One that loaded it answers
/// its V2 model metadata.
/// </summary>
public static class FormatCheck
{
    public const string Name = "format";

    public static ReplacementCheck Failed(ContainerFailure failure, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(model);
        return new ReplacementCheck
        {
            Status = ValidationResult.Failing,
            Message = $"the runtime could not load the {FormatName(model)} model (pod {failure.Pod}, container {failure.Container}, exit code {failure.ExitCode}, {failure.Restarts} restarts): {failure.Message}",
        };
    }

    /// <param name="answered">Whether the new version's runtime answered its model metadata.</param>
    public static ReplacementCheck Loaded(ModelSpec model, bool answered)
    {
        ArgumentNullException.ThrowIfNull(model);
        return answered
            ? new ReplacementCheck { Status = ValidationResult.Passing, Message = $"the runtime loaded the {FormatName(model)} model and serves its metadata" }
            : new ReplacementCheck { Status = ValidationResult.Failing, Message = "the runtime did not answer its model metadata (GET /v2/models/{name})" };
    }

    private static string FormatName(ModelSpec model) =>
        (model.Format ?? ModelFormat.Onnx) == ModelFormat.Onnx ? "ONNX" : "custom";
}
