namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>What became of one received actual (the <c>result</c> label of <c>modelship_actuals_total</c>).</summary>
public enum ActualResult
{
    /// <summary>Its prediction was found and the pair entered the accuracy window.</summary>
    Joined,

    /// <summary>No prediction yet: kept pending, and joined if the prediction arrives within the retention.</summary>
    Unmatched,

    /// <summary>The association id already has an actual; not counted again.</summary>
    Duplicate,
}
