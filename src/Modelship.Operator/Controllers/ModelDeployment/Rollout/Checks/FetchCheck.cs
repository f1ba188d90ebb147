using Modelship.Api.V1Alpha1;

namespace Modelship.Operator.Controllers.ModelDeployment.Rollout.Checks;

/// <summary>
/// The fetch check: the new model downloaded and its digest matched spec.model.sha256. The runtime Pod's
/// <c>modelship fetch</c> init container verifies the digest (the server container starts only after it succeeded), so
/// a running runtime has passed; a failure is read from the init container's termination message.
/// </summary>
public static class FetchCheck
{
    public const string Name = "fetch";

    public static ReplacementCheck Failed(ContainerFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new ReplacementCheck
        {
            Status = ValidationResult.Failing,
            Message = $"the model could not be fetched (pod {failure.Pod}, init container {failure.Container}, exit code {failure.ExitCode}, {failure.Restarts} restarts): {failure.Message}",
        };
    }

    public static ReplacementCheck Fetched(ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new ReplacementCheck
        {
            Status = ValidationResult.Passing,
            Message = string.IsNullOrEmpty(model.Sha256)
                ? "downloaded (no spec.model.sha256 to verify)"
                : $"downloaded; sha256 {model.Sha256} verified",
        };
    }
}
