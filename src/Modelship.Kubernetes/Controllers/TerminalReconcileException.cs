namespace Modelship.Kubernetes.Controllers;

/// <summary>
/// A failure retrying cannot fix (e.g. an invalid spec): logged and counted, not requeued. The next change to the
/// object triggers a new reconcile.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
