using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Modelship.Telemetry.Tests.Endpoint;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_answers_with_the_exposition_and_its_content_type()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateCounter<long>("modelship_requests_total", description: "Requests.").Add(3, new KeyValuePair<string, object?>("model", "ïris"));
        test.Meter.CreateObservableGauge("modelship_up", () => 1);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapPrometheusMetrics("/metrics", test.Collector);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        var body = await response.Content.ReadAsByteArrayAsync();
        body.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "the body has no byte order mark");
        System.Text.Encoding.UTF8.GetString(body).Should().Be("""
            # HELP modelship_requests_total Requests.
            # TYPE modelship_requests_total counter
            modelship_requests_total{model="ïris"} 3
            # TYPE modelship_up gauge
            modelship_up 1

            """);
        await app.StopAsync();
    }

    [Fact]
    public async Task Metrics_endpoint_can_take_the_collector_from_the_services()
    {
        var meterName = "Modelship.Tests." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => PrometheusCollector.ForMeters(meterName));
        await using var app = builder.Build();
        app.MapPrometheusMetrics("/metrics");
        await app.StartAsync();
        using var meter = new Meter(meterName);
        meter.CreateCounter<long>("modelship_started_total", description: "Starts.").Add(1);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var body = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        body.Should().Be("""
            # HELP modelship_started_total Starts.
            # TYPE modelship_started_total counter
            modelship_started_total 1

            """);
        await app.StopAsync();
    }

    [Fact]
    public async Task WriteToAsync_writes_utf8_bytes_of_the_scrape()
    {
        using var test = new IsolatedMeter();
        test.Meter.CreateCounter<long>("modelship_size_total").Add(1, new KeyValuePair<string, object?>("name", "größe"));
        using var stream = new MemoryStream();

        await test.Collector.WriteToAsync(stream);

        stream.ToArray().Should().Equal(System.Text.Encoding.UTF8.GetBytes(test.Scrape()));
        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Contain("name=\"größe\"");
    }
}
