using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>How a multi-model step combines its models' outputs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CombineMode>))]
public enum CombineMode
{
    /// <summary>Every output of every model, named <c>step.model.output</c>.</summary>
    [JsonStringEnumMemberName("concat")]
    Concat,

    /// <summary>The elementwise mean of same-named outputs.</summary>
    [JsonStringEnumMemberName("mean")]
    Mean,

    /// <summary>The elementwise majority of same-named outputs.</summary>
    [JsonStringEnumMemberName("vote")]
    Vote,

    /// <summary>The outputs of the first model that answered, in the declared order.</summary>
    [JsonStringEnumMemberName("first")]
    First,
}
