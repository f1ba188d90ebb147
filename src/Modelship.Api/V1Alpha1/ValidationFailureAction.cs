using System.Text.Json.Serialization;

namespace Modelship.Api.V1Alpha1;

/// <summary>What a failed pipeline validation does to the answer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ValidationFailureAction>))]
public enum ValidationFailureAction
{
    /// <summary>Answer as usual; the failures are counted, logged and listed in the answer's parameters.</summary>
    Log,

    /// <summary>Answer 422 with the failed checks.</summary>
    Reject,
}
