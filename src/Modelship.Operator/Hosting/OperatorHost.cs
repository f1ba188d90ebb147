using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Controllers;
using Modelship.Kubernetes.Events;
using Modelship.Kubernetes.Informers;
using Modelship.Kubernetes.LeaderElection;
using Modelship.Operator.Notifications;
using Modelship.Telemetry;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Operator.Hosting;

/// <summary>
/// The operator process: an HTTP server with <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>; the shared informers
/// (started at once, so a standby replica is ready with warm caches); and the controllers, run only while this
/// process holds the leader lease. A graceful stop takes no new work, lets in-flight reconciles finish within the
/// shutdown timeout and releases the lease. Losing the lease stops everything and <see cref="RunAsync"/> returns 1.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    private readonly OperatorOptions _options;
    private readonly WebApplication _app;
    private readonly KubernetesClient _client;
    private readonly SharedInformerFactory _informers;
    private readonly EventRecorder _events;
    private readonly PrometheusCollector _metrics;
    private readonly NotificationDelivery _notifications;
    private readonly IReadOnlyList<Controller> _controllers;
    private readonly LeaderElector? _elector;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _informersStop = new();
    private readonly CancellationTokenSource _controllerFailed = new();
    private ListenOptions? _metricsListener;
    private ListenOptions? _healthListener;
    private bool _started;
    private bool _disposed;

    public OperatorHost(
        KubernetesClientConfiguration kubernetes,
        OperatorOptions options,
        IEnumerable<Func<ControllerContext, Controller>> controllers,
        Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controllers);
        _options = options;

        // First: the series controllers create at 0 are recorded only while a listener is attached.
        _metrics = PrometheusCollector.ForMeterPrefix("Modelship");
        _app = BuildWebApplication(configureLogging);
        var loggerFactory = _app.Services.GetRequiredService<ILoggerFactory>();
        _logger = loggerFactory.CreateLogger("Modelship.Operator");
        _client = new KubernetesClient(kubernetes, new KubernetesClientOptions { LoggerFactory = loggerFactory, SerializerOptions = Api.Serialization.ModelshipApiJsonContext.KubernetesClientOptions });
        _informers = new SharedInformerFactory(_client, new SharedInformerFactoryOptions { Namespaces = options.WatchNamespaces, LoggerFactory = loggerFactory, ResyncPeriod = options.SyncPeriod });
        _events = new EventRecorder(_client, new EventRecorderOptions { Instance = options.Identity, LoggerFactory = loggerFactory });
        _notifications = new NotificationDelivery(_client, _events, loggerFactory);
        var context = new ControllerContext(_client, _informers, _events, loggerFactory, options.Identity, options.ShutdownTimeout) { Notifications = _notifications.Queue };
        _controllers = [.. controllers.Select(create => create(context))];
        _elector = options.LeaderElection
            ? new LeaderElector(_client, LeaderElectionOptionsFrom(options, kubernetes), loggerFactory.CreateLogger<LeaderElector>())
            : null;

        ProbeEndpoints.Map(_app, () => _informers.HasSynced);
        _app.MapPrometheusMetrics("/metrics", _metrics);
    }

    public IReadOnlyList<Controller> Controllers => _controllers;

    public SharedInformerFactory Informers => _informers;

    /// <summary>True while this process holds the lease (always, once running, without leader election).</summary>
    public bool IsLeader => _elector?.IsLeader ?? _started;

    public string Identity => _options.Identity;

    /// <summary>Where <c>/metrics</c> is served (with the real port when 0 was asked); valid after <see cref="StartAsync"/>.</summary>
    public Uri MetricsAddress => AddressOf(_metricsListener);

    /// <summary>Where <c>/healthz</c> and <c>/readyz</c> are served; valid after <see cref="StartAsync"/>.</summary>
    public Uri HealthAddress => AddressOf(_healthListener ?? _metricsListener);

    /// <summary>Starts the HTTP server and the informers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        _informers.Start(_informersStop.Token);
        OperatorLog.Started(
            _logger,
            _options.Identity,
            string.Join(", ", new[] { MetricsAddress, HealthAddress }.Distinct()),
            _client.Configuration.Host,
            string.Join(", ", _controllers.Select(c => c.Name)));
        _ = LogWhenSyncedAsync();
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (exit code 0), or leadership is lost or a controller fails
    /// (exit code 1, after the others stopped gracefully).
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _controllerFailed.Token);
        var exitCode = 0;
        if (_elector is null)
        {
            await RunControllersAsync(stop.Token).ConfigureAwait(false);
        }
        else
        {
            var end = await _elector.RunAsync(
                RunControllersAsync,
                reason => OperatorLog.LeadershipLost(_logger, LeaseNamespace(_options, _client.Configuration), _options.LeaseName, reason),
                stop.Token).ConfigureAwait(false);
            exitCode = end == LeadershipEnd.Lost ? 1 : 0;
        }

        await StopAsync().ConfigureAwait(false);
        return _controllerFailed.IsCancellationRequested ? 1 : exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }

        _notifications.Dispose();
        _metrics.Dispose();
        _events.Dispose();
        _client.Dispose();
        _informersStop.Dispose();
        _controllerFailed.Dispose();
    }

    private async Task StopAsync()
    {
        if (_informersStop.IsCancellationRequested)
        {
            return;
        }

        await _informersStop.CancelAsync().ConfigureAwait(false);
        await _informers.DisposeAsync().ConfigureAwait(false);
        if (_started)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        OperatorLog.Stopped(_logger);
    }

    private async Task RunControllersAsync(CancellationToken leading)
    {
        OperatorLog.StartingControllers(_logger, string.Join(", ", _controllers.Select(c => c.Name)));
        using var stopping = leading.Register(() => OperatorLog.Stopping(_logger));
        // Notifications are delivered only by the leader, whose reconcilers queue them.
        await Task.WhenAll([.. _controllers.Select(controller => RunControllerAsync(controller, leading)), _notifications.RunAsync(leading)]).ConfigureAwait(false);
    }

    private async Task RunControllerAsync(Controller controller, CancellationToken cancellationToken)
    {
        try
        {
            await controller.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A controller that cannot run (e.g. its caches never synced) must not leave a leader that does not
            // reconcile: stop everything, so that another replica or a restart takes over.
            OperatorLog.ControllerFailed(_logger, ex, controller.Name);
            await _controllerFailed.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task LogWhenSyncedAsync()
    {
        try
        {
            await _informers.WaitForCacheSyncAsync(_informersStop.Token).ConfigureAwait(false);
            OperatorLog.CachesSynced(_logger);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private WebApplication BuildWebApplication(Action<ILoggingBuilder>? configureLogging)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        if (configureLogging is not null)
        {
            builder.Logging.ClearProviders();
            configureLogging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(_options.MetricsEndpoint, listen => _metricsListener = listen);
            if (!_options.HealthEndpoint.Equals(_options.MetricsEndpoint))
            {
                kestrel.Listen(_options.HealthEndpoint, listen => _healthListener = listen);
            }
        });
        return builder.Build();
    }

    private static LeaderElectionOptions LeaderElectionOptionsFrom(OperatorOptions options, KubernetesClientConfiguration kubernetes) => new()
    {
        LeaseNamespace = LeaseNamespace(options, kubernetes),
        LeaseName = options.LeaseName,
        Identity = options.Identity,
        LeaseDuration = options.LeaseDuration,
        RenewDeadline = options.RenewDeadline,
        RetryPeriod = options.RetryPeriod,
        ReleaseOnCancel = options.ReleaseLeaseOnStop,
    };

    private static string LeaseNamespace(OperatorOptions options, KubernetesClientConfiguration kubernetes) =>
        options.LeaseNamespace ?? kubernetes.Namespace ?? "default";

    private static Uri AddressOf(ListenOptions? listener)
    {
        var endpoint = listener?.IPEndPoint ?? throw new InvalidOperationException("The operator host has not started.");
        var host = endpoint.Address.Equals(IPAddress.Any) ? "127.0.0.1" : endpoint.Address.ToString();
        return new Uri($"http://{host}:{endpoint.Port}/");
    }
}
