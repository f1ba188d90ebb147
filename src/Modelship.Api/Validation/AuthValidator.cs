using Modelship.Api.V1Alpha1;

namespace Modelship.Api.Validation;

/// <summary>spec.auth: the Secrets it names must be nameable (a DNS subdomain, as every Secret's name is).</summary>
internal static class AuthValidator
{
    public static void Validate(AuthSpec auth, ErrorList errors)
    {
        if (auth.BearerTokens is not { } tokens)
        {
            errors.Add("spec.auth.bearerTokens", "is required");
            return;
        }
        CheckName("spec.auth.bearerTokens.secretName", tokens.SecretName, required: true, errors);
        CheckName("spec.auth.bearerTokens.adminSecretName", tokens.AdminSecretName, required: false, errors);
    }

    private static void CheckName(string path, string? name, bool required, ErrorList errors)
    {
        if (name is null && !required)
        {
            return;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(path, "must name a Secret in the same namespace");
        }
        else if (!DnsNames.IsSubdomain(name))
        {
            errors.Add(path, $"'{name}' is not a valid Secret name (a DNS subdomain: lowercase letters, digits, '-' and '.')");
        }
    }
}
