namespace Modelship.Operator.Notifications;

/// <summary>The webhook's secret (or its key) cannot be read: the call is not made, and not retried.</summary>
public sealed class NotificationSecretException(string message, Exception? inner = null) : Exception(message, inner);
