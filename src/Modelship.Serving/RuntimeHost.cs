using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modelship.Serving.Grpc;
using Modelship.Serving.Http;
using Modelship.Serving.Runtime;
using Modelship.Serving.Runtime.Onnx;
using Modelship.Telemetry;

namespace Modelship.Serving;

/// <summary>
/// The built-in runtime: one ONNX model served over the Open Inference Protocol V2 REST API by Kestrel, with its
/// metrics on /metrics.
/// <see cref="StartAsync"/> loads the model, then listens; <see cref="DisposeAsync"/> stops and unloads.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusCollector _collector;
    private bool _disposed;

    private RuntimeHost(WebApplication app, PrometheusCollector collector, ServedModel model, RuntimeMetrics metrics, Uri baseAddress, Uri? grpcAddress)
    {
        _app = app;
        GrpcAddress = grpcAddress;
        _collector = collector;
        Model = model;
        Metrics = metrics;
        BaseAddress = baseAddress;
    }

    public ServedModel Model { get; }

    public RuntimeMetrics Metrics { get; }

    /// <summary>Where the runtime listens, with the real port when <see cref="RuntimeOptions.Port"/> was 0, e.g. http://127.0.0.1:8080/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the runtime serves the Open Inference Protocol over gRPC; null without <see cref="RuntimeOptions.GrpcPort"/>.</summary>
    public Uri? GrpcAddress { get; }

    /// <summary>
    /// Loads the model and starts listening. <paramref name="configureLogging"/> replaces the default console logging.
    /// Throws when the model or ONNX Runtime cannot be loaded (the message says how to install ONNX Runtime).
    /// </summary>
    public static async Task<RuntimeHost> StartAsync(
        RuntimeOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        var model = ServedModel.Load(options.ModelPath, options.ModelName, options.ModelVersion, options.ToSessionOptions());
        var metrics = new RuntimeMetrics(model.Name, model.Version);
        var collector = new PrometheusCollector(meter => ReferenceEquals(meter, metrics.Meter));
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            if (configureLogging is not null)
            {
                builder.Logging.ClearProviders();
                configureLogging(builder.Logging);
            }
            else
            {
                // One line per request from ASP.NET Core is noise on an inference server.
                builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            }

            var grpc = options.GrpcPort is null ? null : GrpcInferenceServer.AddTo(builder.Services, options.Limits);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                options.Limits.ApplyTo(kestrel.Limits);
                kestrel.Listen(options.Address, options.Port);
                grpc?.Listen(kestrel, options.Address, options.GrpcPort!.Value);
            });
            app = builder.Build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Modelship.Runtime");
            RuntimeLog.ModelLoaded(
                logger, model.Name, model.Version, model.Path, OnnxRuntimeEnvironment.Shared.Version,
                string.Join(", ", model.Session.Inputs.Select(i => $"{i.Name} {i.Describe()}")),
                string.Join(", ", model.Session.Outputs.Select(o => $"{o.Name} {o.Describe()}")));
            var v2 = new RuntimeEndpoints(model, metrics, collector, logger, options.Limits).Map(app);
            grpc?.Map(app, v2);
            RejectionResponses.Map(app);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
            RuntimeLog.Listening(logger, model.Name, baseAddress.ToString());
            if (grpc?.Address is { } grpcAddress) GrpcLog.Listening(logger, grpcAddress.ToString());
            return new RuntimeHost(app, collector, model, metrics, baseAddress, grpc?.Address);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync().ConfigureAwait(false);
            collector.Dispose();
            metrics.Dispose();
            model.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (SIGTERM, Ctrl+C) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _app.DisposeAsync().ConfigureAwait(false);
        _collector.Dispose();
        Metrics.Dispose();
        Model.Dispose();
    }
}
