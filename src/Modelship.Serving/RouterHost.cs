using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modelship.Api.Routing;
using Modelship.Serving.Auth;
using Modelship.Serving.Grpc;
using Modelship.Serving.Http;
using Modelship.Serving.InferenceLog;
using Modelship.Serving.Monitoring;
using Modelship.Serving.Monitoring.Actuals;
using Modelship.Serving.Monitoring.Drift;
using Modelship.Serving.Pipelines;
using Modelship.Serving.Routing;
using Modelship.Telemetry;

namespace Modelship.Serving;

/// <summary>
/// The router process: a Kestrel server with the V2 front (<see cref="RouterEndpoints"/>) and <c>/metrics</c>, the
/// routing table it serves, the shadow mirror and the router's metrics. Tables come from an <see cref="IRoutingTableSource"/> and/or
/// <see cref="Update"/>.
/// </summary>
public sealed class RouterHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcInferenceServer? _grpc;
    private readonly IRoutingTableSource? _source;
    private readonly BackendForwarder _forwarder;
    private readonly ShadowMirror _shadows;
    private readonly DriftMonitor _drift;
    private readonly InferenceLogWriter? _inferenceLog;
    private readonly ActualsMonitor? _actuals;
    private readonly TokenDirectories? _tokens;
    private int _warnedNoMonitoringDirectory;
    private int _warnedNoLogDirectory;
    private readonly PrometheusCollector _metricsCollector;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _sourceTask = Task.CompletedTask;
    private bool _disposed;
    private volatile bool _closingConnections;

    private RouterHost(
        RouterOptions options,
        Func<ILoggerFactory, IRoutingTableSource>? createSource,
        Action<ILoggingBuilder>? configureLogging,
        WeightedSplit split,
        InferenceLogSampler logSampler,
        Func<InferenceLogFiles, IInferenceLogSink>? createLogSink)
    {
        Options = options;
        var builder = WebApplication.CreateSlimBuilder();
        // Per-request framework logs would drown the router's own; callers can lower this in configureLogging.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (configureLogging is not null)
        {
            builder.Logging.ClearProviders();
            configureLogging(builder.Logging);
        }
        // Inline scheduling measured p50 30 ms instead of ~2 ms for gRPC (HTTP/2) through the router: the transport's
        // setting covers both listeners, so a router serving gRPC schedules as Kestrel does by default.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = options.InlineScheduling && options.GrpcPort is null);
        _grpc = options.GrpcPort is null ? null : GrpcInferenceServer.AddTo(builder.Services, options.Limits);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            options.Limits.ApplyTo(kestrel.Limits);
            kestrel.Listen(options.Address, options.Port);
            _grpc?.Listen(kestrel, options.Address, options.GrpcPort!.Value);
        });
        _app = builder.Build();
        var loggerFactory = _app.Services.GetRequiredService<ILoggerFactory>();
        _logger = loggerFactory.CreateLogger("Modelship.Router");
        _source = createSource?.Invoke(loggerFactory);
        Metrics = new RouterMetrics(() => Tables!.Current is { } current ? (current.Table.ModelName, current.Generation) : null, options.Clock);
        if ((options.MonitoringDirectory ?? (options.InferenceLog.Directory is { } logs ? Path.Combine(logs, "actuals") : null)) is { } monitoringDirectory)
        {
            _actuals = ActualsMonitor.Open(Path.GetFullPath(monitoringDirectory), options.Clock, _logger);
        }
        var actualsMetrics = new ActualsMetrics(Metrics.Meter, () => Tables!.Current is { Table.Monitoring.Actuals: { } settings } current && _actuals is not null
            ? (current.Table.ModelName, _actuals.Accuracy(settings))
            : null);
        var pipelineMetrics = new PipelineMetrics(Metrics.Meter);
        Tables = new RoutingTableHolder(_logger, snapshot =>
        {
            Metrics.DeclareSeries(snapshot);
            _drift!.Configure(snapshot);
            if (snapshot.Pipeline is { } pipeline)
            {
                pipelineMetrics.DeclareSeries(pipeline);
            }
            WarnOnceWithoutLogDirectory(snapshot);
            if (snapshot.Table.Monitoring?.Actuals is not null)
            {
                actualsMetrics.DeclareSeries(snapshot.Table.ModelName);
                if (_actuals is null && Interlocked.Exchange(ref _warnedNoMonitoringDirectory, 1) == 0)
                {
                    ActualsLog.NoDirectory(_logger, snapshot.Generation);
                }
            }
        });
        _forwarder = new BackendForwarder(options.Timeout);
        InferenceLogRecorder? recorder = null;
        InferenceLogFiles? logFiles = null;
        if (options.InferenceLog.Directory is { } logDirectory)
        {
            var log = options.InferenceLog;
            logFiles = new InferenceLogFiles(Path.GetFullPath(logDirectory));
#pragma warning disable CA2000 // the writer owns its sink and disposes it with itself (DisposeAsync below)
            var sink = createLogSink?.Invoke(logFiles) ?? new RotatingLogFile(logFiles, log.MaxFileBytes, log.MaxFiles);
#pragma warning restore CA2000
            _inferenceLog = new InferenceLogWriter(sink, Metrics, _logger, log.QueueCapacity, log.FlushInterval);
            recorder = new InferenceLogRecorder(_inferenceLog, logSampler);
            InferenceLogLog.Writing(_logger, logFiles.Directory);
        }
        _shadows = new ShadowMirror(_forwarder, Metrics, _logger, options.ShadowQueueCapacity, options.ShadowConcurrency, recorder);
        _drift = new DriftMonitor(Metrics.Meter, _logger, options.DriftQueueCapacity, recorder, Metrics.ServiceStats);
        // While stopping, Kestrel closes each connection after the answer that says so (Options.ConnectionCloseTime).
        _app.Use(next => context =>
        {
            if (_closingConnections)
            {
                context.Response.Headers.Connection = "close";
            }
            return next(context);
        });
        if (options.Auth.IsOn)
        {
            // Before every endpoint (gRPC's too): a refused request reaches none of them.
            _tokens = new TokenDirectories(options.Auth, loggerFactory.CreateLogger("Modelship.Router.Auth"));
            _app.Use(_tokens.Middleware.InvokeAsync);
        }
        var pipelines = new PipelineEndpoints(new PipelineRunner(_forwarder, _shadows, Metrics, pipelineMetrics, split, _logger, recorder), Metrics, options.Limits);
        var v2 = new RouterEndpoints(Tables, new BackendSelector(split), _forwarder, _shadows, Metrics, _logger, options.Limits, recorder, _drift, _actuals).Map(_app, pipelines);
        _grpc?.Map(_app, v2);
        new MonitoringEndpoints(Tables, new MonitoringReportBuilder(Metrics.ServiceStats, _actuals, options.Clock, _drift.Report), _actuals, actualsMetrics, options.Limits).Map(_app);
        new InferenceLogEndpoints(logFiles).Map(_app);
        // Only this router's meter: several routers in one process each expose their own numbers.
        _metricsCollector = new PrometheusCollector(meter => ReferenceEquals(meter, Metrics.Meter));
        _app.MapPrometheusMetrics("/metrics", _metricsCollector);
        RejectionResponses.Map(_app);
    }

    public RouterOptions Options { get; }

    /// <summary>The table being served; <see cref="RoutingTableHolder.Update"/> swaps it.</summary>
    public RoutingTableHolder Tables { get; }

    public RouterMetrics Metrics { get; }

    /// <summary>Feature and prediction drift against the table's reference; <see cref="DriftMonitor.Report"/> feeds <c>GET /v2/monitoring</c>.</summary>
    public DriftMonitor Drift => _drift;

    /// <summary>The address the router listens on (with the real port when <see cref="RouterOptions.Port"/> was 0); set by <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Where the router serves the Open Inference Protocol over gRPC (null without <see cref="RouterOptions.GrpcPort"/>); set by <see cref="StartAsync"/>.</summary>
    public Uri? GrpcAddress => _grpc?.Address;

    /// <summary>
    /// Builds a router. <paramref name="createSource"/> makes the table source with the router's loggers (none: tables
    /// come only through <see cref="Update"/>); <paramref name="configureLogging"/> replaces the default console
    /// logging; <paramref name="split"/> and <paramref name="logSampler"/> default to <see cref="Random.Shared"/>;
    /// <paramref name="createLogSink"/> replaces the rotating file the inference log is written to (tests).
    /// </summary>
    public static RouterHost Create(
        RouterOptions options,
        Func<ILoggerFactory, IRoutingTableSource>? createSource = null,
        Action<ILoggingBuilder>? configureLogging = null,
        WeightedSplit? split = null,
        InferenceLogSampler? logSampler = null,
        Func<InferenceLogFiles, IInferenceLogSink>? createLogSink = null) =>
        new(options, createSource, configureLogging, split ?? WeightedSplit.Shared, logSampler ?? InferenceLogSampler.Shared, createLogSink);

    /// <summary>Swaps to <paramref name="table"/> atomically; throws <see cref="RoutingTableException"/> when it is invalid.</summary>
    public void Update(RoutingTable table) => Tables.Update(table);

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        RouterLog.Listening(_logger, BaseAddress.ToString());
        if (GrpcAddress is { } grpc)
        {
            GrpcLog.Listening(_logger, grpc.ToString());
        }
        if (_source is not null)
        {
            _sourceTask = Task.Run(() => RunSourceAsync(_source), CancellationToken.None);
        }
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the process is asked to stop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        // Not WaitForShutdownAsync: it stops the server itself, before StopAsync's connection close period.
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopRequested.TrySetResult()))
        using (_app.Lifetime.ApplicationStopping.Register(() => stopRequested.TrySetResult()))
        {
            await stopRequested.Task.ConfigureAwait(false);
        }
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Options.ConnectionCloseTime > TimeSpan.Zero && !_closingConnections)
        {
            _closingConnections = true;
            RouterLog.ClosingConnections(_logger, Options.ConnectionCloseTime.TotalSeconds);
            await Task.Delay(Options.ConnectionCloseTime, cancellationToken).ConfigureAwait(false);
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sourceTask.ConfigureAwait(false);
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sourceTask.ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _shadows.DisposeAsync().ConfigureAwait(false);
        await _drift.DisposeAsync().ConfigureAwait(false);
        if (_inferenceLog is not null)
        {
            // After the shadows, so their last entries are written too.
            await _inferenceLog.DisposeAsync().ConfigureAwait(false);
        }
        if (_actuals is not null)
        {
            await _actuals.DisposeAsync().ConfigureAwait(false);
        }
        (_source as IDisposable)?.Dispose();
        _tokens?.Dispose();
        _forwarder.Dispose();
        _metricsCollector.Dispose();
        Metrics.Dispose();
        _stopping.Dispose();
    }

    private void WarnOnceWithoutLogDirectory(RoutingSnapshot snapshot)
    {
        if (snapshot.Table.Log is not null && _inferenceLog is null && Interlocked.Exchange(ref _warnedNoLogDirectory, 1) == 0)
        {
            InferenceLogLog.NoLogDirectory(_logger, snapshot.Generation);
        }
    }

    private async Task RunSourceAsync(IRoutingTableSource source)
    {
        try
        {
            await source.RunAsync(Tables, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e)
        {
            RouterLog.SourceFailed(_logger, e);
        }
    }
}
