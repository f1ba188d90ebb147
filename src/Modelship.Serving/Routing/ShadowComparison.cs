namespace Modelship.Serving.Routing;

/// <summary>
/// How a shadow's outputs compare with the answering backend's: elementwise agreement of class outputs (integer,
/// string and bool tensors) and the summed absolute difference of floating outputs.
/// </summary>
public readonly record struct ShadowComparison(long ClassElements, long ClassAgreements, long FloatElements, double AbsDifferenceSum, string? Mismatch)
{
    public double AgreementRatio => ClassElements == 0 ? 1 : (double)ClassAgreements / ClassElements;

    public double MeanAbsDifference => FloatElements == 0 ? 0 : AbsDifferenceSum / FloatElements;
}
