using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Modelship.Telemetry.Exposition;
using Modelship.Telemetry.Families;

namespace Modelship.Telemetry;

/// <summary>
/// Listens to the instruments of the selected meters and renders them in the Prometheus text exposition format
/// 0.0.4. Listening starts in the constructor (instruments created before and after are both picked up) and stops
/// on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Instruments whose Prometheus names are equal share one family, so several meter instances with the same
/// instruments (one per router, say) add up; an instrument whose kind differs from the family already holding
/// that name is not exposed. Series of synchronous instruments outlive a disposed meter; series of observable
/// instruments are exactly what the callbacks report at each scrape.
/// </remarks>
public sealed class PrometheusCollector : IDisposable
{
    /// <summary>The Content-Type of the text exposition format 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Func<Meter, bool> _includeMeter;
    private readonly Action<Exception>? _observationFailed;
    private readonly MeterListener _listener;
    private readonly Lock _familiesLock = new();
    private readonly Dictionary<string, MetricFamily> _families = new(StringComparer.Ordinal);
    private readonly Dictionary<Instrument, MetricFamily> _instruments = [];
    private readonly Lock _scrapeLock = new();

    /// <param name="includeMeter">Which meters to expose, e.g. <c>meter => meter.Name.StartsWith("Modelship")</c>.</param>
    /// <param name="observationFailed">
    /// Told when observable callbacks throw during a scrape; the scrape still answers, without those callbacks' series.
    /// </param>
    public PrometheusCollector(Func<Meter, bool> includeMeter, Action<Exception>? observationFailed = null)
    {
        ArgumentNullException.ThrowIfNull(includeMeter);
        _includeMeter = includeMeter;
        _observationFailed = observationFailed;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, family) => ((MetricFamily)family!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Exposes the meters with exactly these names.</summary>
    public static PrometheusCollector ForMeters(params string[] meterNames)
    {
        var names = new HashSet<string>(meterNames, StringComparer.Ordinal);
        return new PrometheusCollector(meter => names.Contains(meter.Name));
    }

    /// <summary>Exposes the meters whose names start with the prefix (ordinal), e.g. <c>"Modelship"</c>.</summary>
    public static PrometheusCollector ForMeterPrefix(string meterNamePrefix)
    {
        ArgumentNullException.ThrowIfNull(meterNamePrefix);
        return new PrometheusCollector(meter => meter.Name.StartsWith(meterNamePrefix, StringComparison.Ordinal));
    }

    /// <summary>Collects the observable instruments and returns the whole exposition.</summary>
    public string Scrape()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteTo(text);
        return text.ToString();
    }

    /// <summary>Collects the observable instruments and writes the whole exposition.</summary>
    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_scrapeLock)
        {
            var families = Prepare();
            var writer = new ExpositionWriter(output);
            foreach (var family in families)
            {
                family.WriteTo(writer);
            }
        }
    }

    /// <summary>Writes the exposition as UTF-8 (no byte order mark), without blocking on the stream.</summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = Utf8WithoutBom.GetBytes(Scrape());
        await output.WriteAsync(bytes, cancellationToken);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Applies declarations, runs the observable callbacks and returns the families sorted by name.</summary>
    private List<MetricFamily> Prepare()
    {
        List<MetricFamily> families;
        List<KeyValuePair<Instrument, MetricFamily>> instruments;
        lock (_familiesLock)
        {
            families = [.. _families.Values];
            instruments = [.. _instruments];
        }
        foreach (var (instrument, family) in instruments)
        {
            foreach (var tags in MetricSeries.DeclaredFor(instrument))
            {
                family.Declare(tags);
            }
        }
        foreach (var family in families)
        {
            (family as ObservedFamily)?.BeginRound();
        }
        try
        {
            _listener.RecordObservableInstruments();
        }
        catch (AggregateException failure)
        {
            _observationFailed?.Invoke(failure);
        }
        families.Sort(static (x, y) => string.CompareOrdinal(x.Name, y.Name));
        return families;
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_includeMeter(instrument.Meter) || FamilyFactory.KindOf(instrument) is not { } kind)
        {
            return;
        }
        var name = FamilyFactory.NameOf(instrument, kind);
        MetricFamily family;
        lock (_familiesLock)
        {
            if (!_families.TryGetValue(name, out family!))
            {
                family = FamilyFactory.Create(instrument, name, kind);
                _families.Add(name, family);
            }
            else if (family.Kind != kind)
            {
                return;
            }
            _instruments[instrument] = family;
        }
        listener.EnableMeasurementEvents(instrument, family);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? family)
    {
        lock (_familiesLock)
        {
            _instruments.Remove(instrument);
        }
    }
}
