using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Config;
using Modelship.Kubernetes.Models;
using Modelship.Kubernetes.Tests.Fakes;
using KubernetesClientConfiguration = k8s.KubernetesClientConfiguration;

namespace Modelship.Kubernetes.Tests.Client;

/// <summary>Server verification and client certificates against a real HTTPS server (Kestrel on 127.0.0.1).</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly TestCertificateAuthority _ca = new("test-ca");
    private readonly TestCertificateAuthority _otherCa = new("other-ca");
    private WebApplication? _app;

    private Uri Url => new(_app!.Urls.First());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _ca.Dispose();
        _otherCa.Dispose();
    }

    [Fact]
    public async Task The_configured_CA_is_trusted()
    {
        await StartServerAsync([IPAddress.Loopback], []);

        var cm = await GetAsync(new KubernetesClientConfiguration { Host = Url.ToString(), SslCaCerts = [_ca.Certificate] });

        cm.Metadata.Name.Should().Be("anonymous");
    }

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_rejected()
    {
        await StartServerAsync([IPAddress.Loopback], []);

        var act = () => GetAsync(new KubernetesClientConfiguration { Host = Url.ToString(), SslCaCerts = [_otherCa.Certificate] });

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Without_a_CA_the_system_store_is_used_and_a_private_CA_is_rejected()
    {
        await StartServerAsync([IPAddress.Loopback], []);

        var act = () => GetAsync(new KubernetesClientConfiguration { Host = Url.ToString() });

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_rejected_even_from_the_trusted_CA()
    {
        await StartServerAsync([], ["api.internal"]);

        var act = () => GetAsync(new KubernetesClientConfiguration { Host = Url.ToString(), SslCaCerts = [_ca.Certificate] });

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Tls_server_name_checks_the_certificate_against_that_name()
    {
        await StartServerAsync([], ["api.internal"]);

        var cm = await GetAsync(new KubernetesClientConfiguration
        {
            Host = Url.ToString(),
            SslCaCerts = [_ca.Certificate],
            TlsServerName = "api.internal",
        });

        cm.Metadata.Name.Should().Be("anonymous");
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_certificate()
    {
        await StartServerAsync([], ["elsewhere"]);

        var cm = await GetAsync(new KubernetesClientConfiguration { Host = Url.ToString(), SkipTlsVerify = true });

        cm.Metadata.Name.Should().Be("anonymous");
    }

    [Fact]
    public async Task The_client_certificate_from_a_kubeconfig_is_presented()
    {
        await StartServerAsync([IPAddress.Loopback], [], requireClientCertificate: true);
        var (certificatePem, keyPem) = _ca.IssueClientCertificatePem("kube-admin");
        var kubeconfig = $"""
            current-context: c
            clusters: [{"{"}name: k, cluster: {"{"}server: "{Url}", certificate-authority-data: {B64(_ca.CertificatePem)}{"}"}{"}"}]
            users: [{"{"}name: u, user: {"{"}client-certificate-data: {B64(certificatePem)}, client-key-data: {B64(keyPem)}{"}"}{"}"}]
            contexts: [{"{"}name: c, context: {"{"}cluster: k, user: u{"}"}{"}"}]
            """;

        var cm = await GetAsync(KubeconfigLoader.Parse(kubeconfig));

        cm.Metadata.Name.Should().Be("CN=kube-admin");
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static async Task<V1ConfigMap> GetAsync(KubernetesClientConfiguration configuration)
    {
        using var client = new KubernetesClient(configuration, new KubernetesClientOptions { RetryPolicy = KubernetesRetryPolicy.None });
        return await client.For<V1ConfigMap>().GetAsync("ns", "cm");
    }

    private async Task StartServerAsync(IPAddress[] addresses, string[] dnsNames, bool requireClientCertificate = false)
    {
        var serverCertificate = _ca.IssueServerCertificate(addresses, dnsNames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            if (requireClientCertificate)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => certificate.Issuer == _ca.Certificate.Subject;
            }
        })));
        _app = builder.Build();
        _app.MapGet("/api/v1/namespaces/ns/configmaps/cm", (HttpContext context) =>
        {
            var subject = context.Connection.ClientCertificate?.Subject ?? "anonymous";
            return Results.Text("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + subject + "\",\"namespace\":\"ns\"}}", "application/json");
        });
        await _app.StartAsync();
    }
}
