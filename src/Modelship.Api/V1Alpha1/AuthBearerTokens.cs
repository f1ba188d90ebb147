using System.ComponentModel;
using Modelship.Api.Schema;

namespace Modelship.Api.V1Alpha1;

/// <summary>The Secrets whose keys are the valid bearer tokens of an endpoint.</summary>
public sealed record AuthBearerTokens
{
    /// <summary>Tokens for inference and model metadata.</summary>
    [Description("SecretName names a Secret in the same namespace; every key's value is a valid token for inference and model metadata (and for the admin endpoints when adminSecretName is absent). The router reads it from a mounted volume and follows changes without a restart.")]
    [Length(1, 253)]
    public required string SecretName { get; init; }

    /// <summary>Tokens for the admin endpoints; the inference tokens when absent.</summary>
    [Description("AdminSecretName names a Secret in the same namespace whose keys are the tokens of the admin endpoints: the inference log (/v2/logs, /v2/logs/export) and POST .../actuals. When absent, the tokens of secretName are accepted there too; when set, only these are.")]
    [Length(1, 253)]
    public string? AdminSecretName { get; init; }
}
