using System.Diagnostics.Metrics;
using Modelship.Operator.Controllers.ModelDeployment.Metrics;

namespace Modelship.IntegrationTests.ModelDeployment;

/// <summary>Reads <c>modelship_rollouts_total</c> as a scrape would, for the ModelDeployments of one namespace.</summary>
public sealed class RolloutCountReader : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _namespace;
    private readonly Dictionary<string, long> _seen = [];

    public RolloutCountReader(string ns)
    {
        _namespace = ns;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ModelDeploymentMetrics.MeterName && instrument.Name == ModelDeploymentMetrics.RolloutsName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? ns = null, name = null, result = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "namespace":
                        ns = tag.Value?.ToString();
                        break;
                    case "modeldeployment":
                        name = tag.Value?.ToString();
                        break;
                    case "result":
                        result = tag.Value?.ToString();
                        break;
                }
            }
            if (ns == _namespace && result is not null)
            {
                _seen[$"{name}/{result}"] = value;
            }
        });
        _listener.Start();
    }

    /// <summary>The counter's value for <paramref name="modelDeployment"/> and <paramref name="result"/> now.</summary>
    public long Count(string modelDeployment, string result)
    {
        lock (_seen)
        {
            _seen.Clear();
            _listener.RecordObservableInstruments();
            return _seen.GetValueOrDefault($"{modelDeployment}/{result}");
        }
    }

    public void Dispose() => _listener.Dispose();
}
