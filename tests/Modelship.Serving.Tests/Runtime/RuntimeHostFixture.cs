using System.Net;
using Modelship.Serving.Runtime;
using Modelship.Serving.Tests.Models;

namespace Modelship.Serving.Tests.Runtime;

/// <summary>A real runtime (Kestrel on 127.0.0.1, free port) serving mixed_types with a 64 KiB body limit.</summary>
public sealed class RuntimeHostFixture : IAsyncLifetime
{
    public const long MaxBodyBytes = 64 * 1024;

    private RuntimeHost? _host;

    public RuntimeHost Host => _host ?? throw new InvalidOperationException("not started");

    public HttpClient Client { get; } = new();

    public async Task InitializeAsync()
    {
        _host = await RuntimeHost.StartAsync(
            new RuntimeOptions
            {
                ModelPath = TestModels.PathOf(TestModels.MixedTypes),
                ModelVersion = "3",
                Address = IPAddress.Loopback,
                Port = 0,
                IntraOpThreads = 1,
                Limits = new() { MaxBodyBytes = MaxBodyBytes },
            },
            configureLogging: _ => { });
        Client.BaseAddress = _host.BaseAddress;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_host is not null) await _host.DisposeAsync();
    }
}
