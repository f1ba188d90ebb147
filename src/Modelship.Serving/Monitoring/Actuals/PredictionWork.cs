using Modelship.Api.Routing;

namespace Modelship.Serving.Monitoring.Actuals;

/// <summary>An answered request queued for the join: its bytes as read and answered, nothing parsed yet.</summary>
internal sealed record PredictionWork(ActualsSettings Settings, string Version, byte[] Request, byte[] Answer, string? HeaderAssociationId, DateTimeOffset Time);
