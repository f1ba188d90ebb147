using System.ComponentModel;

namespace Modelship.Api.V1Alpha1;

/// <summary>
/// A sample inference request the new version must answer before it takes traffic, optionally close to the
/// champion's answer to the same request.
/// </summary>
public sealed record SamplePredictionSpec
{
    /// <summary>The V2 inference request body, as JSON text.</summary>
    [Description("Request is an Open Inference Protocol V2 inference request body, as JSON text (for example {\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[5.1,3.5,1.4,0.2]}]}). Set this or requestFrom.")]
    public string? Request { get; init; }

    /// <summary>A ConfigMap key holding the request, for requests too large to keep in the spec.</summary>
    [Description("RequestFrom names a ConfigMap key in the ModelDeployment's namespace that holds the V2 inference request body as JSON. Set this or request.")]
    public SampleRequestReference? RequestFrom { get; init; }

    /// <summary>How far the new version's numeric outputs may be from the champion's; none: any answer passes.</summary>
    [Description("Tolerance compares the new version's outputs with the champion's answer to the same request: every numeric output element must be within absolute or relative tolerance. Without it, the check only requires an answer without error.")]
    public SamplePredictionTolerance? Tolerance { get; init; }
}
