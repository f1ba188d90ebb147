using System.Net.Http;
using System.Text;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;

namespace Modelship.Cli.Client;

/// <summary>
/// Turns what the Kubernetes client throws into the message and exit code a person or a script reads: NotFound
/// names the object and namespace, Forbidden and Invalid keep the API server's own words (Invalid with its field
/// errors, one per line), a connection failure says which server could not be reached.
/// </summary>
public static class ApiFailures
{
    /// <param name="name">The object the request was about; null for a list.</param>
    public static ClientCommandException Describe(Exception exception, DeployedKind kind, string? name, string ns, string? server = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(kind);
        return exception switch
        {
            ClientCommandException failure => failure,
            KubernetesApiException { IsNotFound: true } when name is not null =>
                new ClientCommandException(CliExitCodes.NotFound, $"{kind.Noun} \"{name}\" not found in namespace \"{ns}\"", exception),
            KubernetesApiException { IsNotFound: true } e =>
                new ClientCommandException(CliExitCodes.NotFound, $"Error from server (NotFound): {e.Status?.Message ?? e.Message} (is the {kind.Kind} CRD installed?)", exception),
            KubernetesApiException { IsForbidden: true } e => new ClientCommandException(CliExitCodes.Forbidden, $"Error from server (Forbidden): {ServerMessage(e)}", exception),
            KubernetesApiException { IsUnauthorized: true } e =>
                new ClientCommandException(CliExitCodes.Forbidden, $"Error from server (Unauthorized): {ServerMessage(e)} (check the credentials of the kubeconfig context)", exception),
            KubernetesApiException { IsInvalid: true } e => new ClientCommandException(CliExitCodes.Rejected, Invalid(e), exception),
            KubernetesApiException { IsAlreadyExists: true } =>
                new ClientCommandException(CliExitCodes.Rejected, $"{kind.Noun} \"{name}\" already exists in namespace \"{ns}\" (use `modelship {kind.CommandName} update`)", exception),
            KubernetesApiException { IsConflict: true } e => new ClientCommandException(CliExitCodes.Rejected, $"Error from server (Conflict): {ServerMessage(e)}", exception),
            KubernetesApiException e => new ClientCommandException(CliExitCodes.Failure, $"Error from server ({e.Reason}, HTTP {(int)e.StatusCode}): {ServerMessage(e)}", exception),
            KubernetesConfigException e => new ClientCommandException(CliExitCodes.Unreachable, e.Message, exception),
            HttpRequestException or IOException or TimeoutException =>
                new ClientCommandException(CliExitCodes.Unreachable, $"cannot reach the Kubernetes API server{(server is null ? "" : $" at {server}")}: {Innermost(exception)}", exception),
            _ => new ClientCommandException(CliExitCodes.Failure, exception.Message, exception),
        };
    }

    private static string ServerMessage(KubernetesApiException exception) =>
        string.IsNullOrEmpty(exception.Status?.Message) ? exception.Message : exception.Status.Message;

    /// <summary>The server's message, then each field error on its own line, as kubectl prints them.</summary>
    private static string Invalid(KubernetesApiException exception)
    {
        var text = new StringBuilder($"Error from server (Invalid): {ServerMessage(exception)}");
        foreach (var cause in exception.Causes)
        {
            text.Append("\n  ").Append(string.IsNullOrEmpty(cause.Field) ? "" : cause.Field + ": ").Append(cause.Message);
        }
        return text.ToString();
    }

    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }
        return inner == exception ? exception.Message : $"{exception.Message} ({inner.Message})";
    }
}
