namespace Modelship.Cli.Client;

/// <summary>
/// The exit codes of `modelship deployments|pipelines`, documented in docs/cli.md; scripts branch on them, so they
/// never change meaning.
/// </summary>
public static class CliExitCodes
{
    public const int Success = 0;

    /// <summary>Anything else: an unexpected API error, a prediction the model refused, a deployment that failed while waiting.</summary>
    public const int Failure = 1;

    /// <summary>The command line or an input file is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>No such deployment or pipeline (or namespace).</summary>
    public const int NotFound = 3;

    /// <summary>The API server refused the credentials (Unauthorized) or RBAC forbids the request (Forbidden).</summary>
    public const int Forbidden = 4;

    /// <summary>The API server rejected the object: Invalid (field errors), AlreadyExists, Conflict.</summary>
    public const int Rejected = 5;

    /// <summary>No usable kubeconfig, or the API server (or the --url endpoint) cannot be reached.</summary>
    public const int Unreachable = 6;

    /// <summary>--wait ran out of time before the object was ready (or gone).</summary>
    public const int WaitTimeout = 7;
}
