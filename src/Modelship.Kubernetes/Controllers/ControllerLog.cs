using Microsoft.Extensions.Logging;

namespace Modelship.Kubernetes.Controllers;

internal static partial class ControllerLog
{
    private static readonly Func<ILogger, string, string, IDisposable?> ReconcileScopeFormat =
        LoggerMessage.DefineScope<string, string>("controller={Controller} key={ObjectKey}");

    public static IDisposable? ReconcileScope(ILogger logger, string controller, ObjectKey key) =>
        ReconcileScopeFormat(logger, controller, key.ToString());

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Controller {Controller} starting {Workers} workers")]
    public static partial void StartingWorkers(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Controller {Controller} stopping: no new work, waiting for {InFlight} in-flight reconciles")]
    public static partial void Stopping(ILogger logger, string controller, int inFlight);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Controller {Controller}: in-flight reconciles did not finish within {TimeoutSeconds} s; cancelling them")]
    public static partial void ShutdownTimedOut(ILogger logger, string controller, double timeoutSeconds);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Reconciled {ObjectKey} in {Controller}: {Result} after {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string controller, string objectKey, string result, double elapsedMs);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Reconcile of {ObjectKey} in {Controller} failed (attempt {Attempt}); retrying with backoff")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception, string controller, string objectKey, int attempt);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Reconcile of {ObjectKey} in {Controller} failed terminally; not retrying until it changes")]
    public static partial void ReconcileTerminal(ILogger logger, Exception exception, string controller, string objectKey);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Reconcile of {ObjectKey} in {Controller} was cancelled by shutdown")]
    public static partial void ReconcileCancelled(ILogger logger, string controller, string objectKey);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    public static partial void Stopped(ILogger logger, string controller);
}
