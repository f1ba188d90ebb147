using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modelship.Serving.Fetch;

namespace Modelship.Serving.Tests.Fetch;

public sealed class ModelFetcherTests : IAsyncLifetime
{
    private static readonly byte[] ModelBytes = RandomNumberGenerator.GetBytes(10_000);
    private readonly string _root = Directory.CreateTempSubdirectory("modelship-fetch-").FullName;
    private WebApplication? _server;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapGet("/models/model.onnx", () => Results.Bytes(ModelBytes, "application/octet-stream"));
        _server.MapGet("/models/model.tar.gz", () => Results.Bytes(TarGz(("model/model.onnx", ModelBytes)), "application/gzip"));
        _server.MapGet("/models/escape.tar.gz", () => Results.Bytes(TarGz(("../../evil.onnx", ModelBytes)), "application/gzip"));
        _server.MapGet("/models/redirect", () => Results.Redirect("/models/model.onnx"));
        _server.MapGet("/models/missing", () => Results.NotFound());
        await _server.StartAsync();
        _base = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Downloads_over_http_and_verifies_sha256()
    {
        var result = await ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/model.onnx")) with { Sha256 = Sha256(ModelBytes) });

        File.ReadAllBytes(result.Path).Should().Equal(ModelBytes);
        result.Path.Should().Be(Path.Combine(Destination, "model.onnx"));
        Directory.EnumerateFileSystemEntries(Destination).Should().ContainSingle("the staging directory is gone");
    }

    [Fact]
    public async Task Follows_a_redirect()
    {
        var result = await ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/redirect")));

        File.ReadAllBytes(result.Path).Should().Equal(ModelBytes);
    }

    [Fact]
    public async Task A_sha256_mismatch_fails_and_leaves_nothing()
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/model.onnx")) with { Sha256 = new string('0', 64) });

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*sha256 mismatch*");
        Directory.EnumerateFileSystemEntries(Destination).Should().BeEmpty();
    }

    [Fact]
    public async Task Refuses_loopback_unless_private_networks_are_allowed()
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/model.onnx")) with { AllowPrivateNetworks = false });

        (await fetch.Should().ThrowAsync<HttpRequestException>()).WithInnerException<FetchException>().WithMessage("*private*");
        Directory.EnumerateFileSystemEntries(Destination).Should().BeEmpty();
    }

    [Fact]
    public async Task Stops_at_the_size_cap()
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/model.onnx")) with { MaxBytes = 1000 });

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*limit of 1000 bytes*");
    }

    [Fact]
    public async Task An_http_error_names_the_status()
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/missing")));

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*404*");
    }

    [Fact]
    public async Task Extracts_a_tar_gz_archive()
    {
        var result = await ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/model.tar.gz")));

        File.ReadAllBytes(Path.Combine(result.Path, "model", "model.onnx")).Should().Equal(ModelBytes);
    }

    [Fact]
    public async Task Rejects_an_archive_entry_that_escapes_the_destination()
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(_base, "/models/escape.tar.gz")));

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*outside the model directory*");
        File.Exists(Path.Combine(_root, "evil.onnx")).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(Destination).Should().BeEmpty();
    }

    [Fact]
    public async Task Extraction_is_capped_against_archive_bombs()
    {
        var zip = Path.Combine(_root, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open();
            entry.Write(new byte[1_000_000]);
        }

        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(zip)) with { MaxBytes = 100_000 });

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*limit*");
    }

    [Fact]
    public async Task Copies_a_file_and_a_pvc_path()
    {
        var claim = Path.Combine(_root, "pvc", "models-claim", "iris");
        Directory.CreateDirectory(claim);
        File.WriteAllBytes(Path.Combine(claim, "v1.onnx"), ModelBytes);

        var fromPvc = await ModelFetcher.FetchAsync(Options(new Uri("pvc://models-claim/iris/v1.onnx")) with { PvcRoot = Path.Combine(_root, "pvc") });
        var fromFile = await ModelFetcher.FetchAsync(Options(new Uri(Path.Combine(claim, "v1.onnx"))) with { Destination = Path.Combine(_root, "other") });

        File.ReadAllBytes(fromPvc.Path).Should().Equal(ModelBytes);
        File.ReadAllBytes(fromFile.Path).Should().Equal(ModelBytes);
    }

    [Theory]
    [InlineData("gs://bucket/model.onnx")]
    public async Task An_unsupported_scheme_is_a_clear_error(string uri)
    {
        var fetch = () => ModelFetcher.FetchAsync(Options(new Uri(uri)));

        await fetch.Should().ThrowAsync<FetchException>().WithMessage("*unsupported model URI scheme*file://*");
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2001:4860::8888", false)]
    public void Classifies_private_addresses(string address, bool isPrivate) =>
        NetworkAddressPolicy.IsPrivate(IPAddress.Parse(address)).Should().Be(isPrivate);

    private string Destination => Path.Combine(_root, "dest");

    private FetchOptions Options(Uri source) => new() { Source = source, Destination = Destination, AllowPrivateNetworks = true };

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    private static byte[] TarGz(params (string Name, byte[] Data)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, data) in entries)
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return buffer.ToArray();
    }
}
