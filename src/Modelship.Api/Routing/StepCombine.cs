using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>How a multiModel step combines its models' outputs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepCombine>))]
public enum StepCombine
{
    /// <summary>Every output of every model, named <c>step.model.output</c>.</summary>
    [JsonStringEnumMemberName("concat")]
    Concat,

    /// <summary>The elementwise mean of same-named outputs.</summary>
    [JsonStringEnumMemberName("mean")]
    Mean,

    /// <summary>The elementwise majority of same-named outputs; ties go to the earlier model.</summary>
    [JsonStringEnumMemberName("vote")]
    Vote,

    /// <summary>The outputs of the first model, in declared order, that answered successfully.</summary>
    [JsonStringEnumMemberName("first")]
    First,
}
