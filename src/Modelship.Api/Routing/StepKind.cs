using System.Text.Json.Serialization;

namespace Modelship.Api.Routing;

/// <summary>What a pipeline step does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepKind>))]
public enum StepKind
{
    [JsonStringEnumMemberName("model")]
    Model,

    [JsonStringEnumMemberName("multiModel")]
    MultiModel,

    [JsonStringEnumMemberName("keySplit")]
    KeySplit,

    [JsonStringEnumMemberName("randomSplit")]
    RandomSplit,

    [JsonStringEnumMemberName("shadowDeploy")]
    ShadowDeploy,

    [JsonStringEnumMemberName("audit")]
    Audit,

    [JsonStringEnumMemberName("select")]
    Select,

    [JsonStringEnumMemberName("validations")]
    Validations,
}
