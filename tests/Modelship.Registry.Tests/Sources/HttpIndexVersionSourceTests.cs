using Microsoft.AspNetCore.Http;
using Modelship.Registry.Sources;
using Modelship.Registry.Testing;
using Modelship.Registry.Tests.Servers;

namespace Modelship.Registry.Tests.Sources;

public sealed class HttpIndexVersionSourceTests
{
    private const string Index = """
        {
          "versions": [
            {"version": "1.0.0", "uri": "models/1.0.0/model.onnx", "createdTime": "2026-11-01T00:00:00Z"},
            {"version": "1.1.0", "uri": "/shared/1.1.0.onnx", "sha256": "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
             "createdTime": "2026-12-01T12:30:00+01:00", "metrics": {"accuracy": 0.91}, "aliases": ["champion", "stable"]},
            {"version": "1.2.0", "uri": "s3://models/churn/1.2.0/model.onnx"},
            {"version": "1.3.0", "uri": "https://cdn.example.test/churn/1.3.0.onnx"}
          ]
        }
        """;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Lists_the_index_resolving_relative_uris_against_its_URL_and_sends_the_bearer_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => LoopbackHttpServer.RespondJson(context, Index));
        var indexUrl = new Uri(server.BaseUrl, "registry/churn/index.json");

        var versions = await new HttpIndexVersionSource(Http, new HttpIndexSourceOptions(indexUrl, "s3cret")).ListAsync(CancellationToken.None);

        versions.Select(v => (v.Version, v.Uri)).Should().Equal(
            ("1.0.0", new Uri(server.BaseUrl, "registry/churn/models/1.0.0/model.onnx").AbsoluteUri),
            ("1.1.0", new Uri(server.BaseUrl, "shared/1.1.0.onnx").AbsoluteUri),
            ("1.2.0", "s3://models/churn/1.2.0/model.onnx"),
            ("1.3.0", "https://cdn.example.test/churn/1.3.0.onnx"));
        var champion = versions[1];
        champion.Sha256.Should().Be("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        champion.CreatedTime.Should().Be(new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.Zero));
        champion.Metrics.Should().ContainKey("accuracy").WhoseValue.Should().Be(0.91);
        champion.Aliases.Should().Equal("champion", "stable");
        versions[2].CreatedTime.Should().BeNull();
        server.Requests.Should().ContainSingle().Which.Should().Match<ReceivedRequest>(r =>
            r.Path == "/registry/churn/index.json" && r.Authorization == "Bearer s3cret");
    }

    [Fact]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => LoopbackHttpServer.RespondJson(context, """{"versions": []}"""));

        var versions = await new HttpIndexVersionSource(Http, new HttpIndexSourceOptions(server.BaseUrl)).ListAsync(CancellationToken.None);

        versions.Should().BeEmpty();
        server.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Theory]
    [InlineData(StatusCodes.Status404NotFound, ModelSourceErrorKind.NotFound, "404")]
    [InlineData(StatusCodes.Status401Unauthorized, ModelSourceErrorKind.Unauthorized, "401")]
    [InlineData(StatusCodes.Status403Forbidden, ModelSourceErrorKind.Unauthorized, "403")]
    [InlineData(StatusCodes.Status500InternalServerError, ModelSourceErrorKind.InvalidResponse, "500")]
    [InlineData(StatusCodes.Status503ServiceUnavailable, ModelSourceErrorKind.Unreachable, "503")]
    public async Task Error_statuses_are_typed_and_quote_the_body(int status, ModelSourceErrorKind kind, string statusText)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            LoopbackHttpServer.RespondJson(context, """{"error": "the index is elsewhere"}""", status));

        var error = await ListExpectingErrorAsync(server.BaseUrl);

        error.Kind.Should().Be(kind);
        error.Message.Should().Contain(server.BaseUrl.ToString()).And.Contain(statusText).And.Contain("the index is elsewhere");
    }

    [Theory]
    [InlineData("<html>not json</html>", "did not return the expected JSON")]
    [InlineData("""{"versions": [{"version": "1.0.0", "uri": "a.onnx",}""", "did not return the expected JSON")]
    [InlineData("""{"versions": {"version": "1.0.0"}}""", "did not return the expected JSON")]
    [InlineData("""{"models": []}""", "has no \"versions\" array")]
    [InlineData("""{"versions": [null]}""", "versions[0] is null")]
    [InlineData("""{"versions": [{"uri": "a.onnx"}]}""", "versions[0] has no \"version\"")]
    [InlineData("""{"versions": [{"version": "1", "uri": "a.onnx"}, {"version": "2"}]}""", "versions[1] (version 2) has no \"uri\"")]
    [InlineData("""{"versions": [{"version": "1", "uri": "a"}, {"version": "1", "uri": "b"}]}""", "version 1 is listed twice")]
    [InlineData("""{"versions": [{"version": "1", "uri": "a", "sha256": "xyz"}]}""", "is not 64 hexadecimal characters")]
    [InlineData("""{"versions": [{"version": "1", "uri": "a", "createdTime": "soon"}]}""", "did not return the expected JSON")]
    [InlineData("null", "returned JSON null")]
    public async Task Bad_index_documents_are_InvalidResponse_saying_what_is_wrong(string body, string expected)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => LoopbackHttpServer.RespondJson(context, body));

        var error = await ListExpectingErrorAsync(server.BaseUrl);

        error.Kind.Should().Be(ModelSourceErrorKind.InvalidResponse);
        error.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task A_large_error_page_is_quoted_only_in_part()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            LoopbackHttpServer.RespondJson(context, "<html>" + new string('x', 100_000) + "</html>", StatusCodes.Status502BadGateway));

        var error = await ListExpectingErrorAsync(server.BaseUrl);

        error.Kind.Should().Be(ModelSourceErrorKind.Unreachable);
        error.Message.Should().Contain("502").And.EndWith("...");
        error.Message.Length.Should().BeLessThan(500);
    }

    [Fact]
    public async Task A_refused_connection_is_Unreachable()
    {
        var url = new Uri($"http://127.0.0.1:{ClosedPort.Find()}/index.json");

        var error = await ListExpectingErrorAsync(url);

        error.Kind.Should().Be(ModelSourceErrorKind.Unreachable);
        error.Message.Should().Contain(url.ToString());
    }

    [Fact]
    public async Task Cancellation_stays_cancellation()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            received.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var cancellation = new CancellationTokenSource();
        var listing = new HttpIndexVersionSource(Http, new HttpIndexSourceOptions(server.BaseUrl)).ListAsync(cancellation.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cancellation.CancelAsync();

        await listing.Invoking(l => l).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Only_absolute_http_index_URLs_are_accepted()
    {
        var act = () => new HttpIndexVersionSource(Http, new HttpIndexSourceOptions(new Uri("file:///tmp/index.json")));

        act.Should().Throw<ArgumentException>().WithMessage("*absolute http(s)*");
    }

    private static async Task<ModelSourceException> ListExpectingErrorAsync(Uri url)
    {
        var act = () => new HttpIndexVersionSource(Http, new HttpIndexSourceOptions(url)).ListAsync(CancellationToken.None);
        return (await act.Should().ThrowAsync<ModelSourceException>()).Which;
    }
}
