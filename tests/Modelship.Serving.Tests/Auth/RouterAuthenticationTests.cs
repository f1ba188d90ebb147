using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Modelship.Api.Routing;
using Modelship.Serving.Auth;
using Modelship.Serving.Routing;
using Modelship.Serving.Tests.Routing;

namespace Modelship.Serving.Tests.Auth;

/// <summary>A real router with token directories, in front of a fake V2 backend (a Kestrel stand-in for a runtime).</summary>
public sealed class RouterAuthenticationTests : IAsyncLifetime
{
    private readonly string _tokens = Directory.CreateTempSubdirectory("modelship-auth-").FullName;
    private readonly string _admin = Directory.CreateTempSubdirectory("modelship-admin-").FullName;
    private FakeV2Backend _backend = null!;
    private TestRouter _router = null!;

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_tokens, "client"), "s3cret\n");
        File.WriteAllText(Path.Combine(_admin, "ops"), "admin-s3cret");
        _backend = await FakeV2Backend.StartAsync("v1");
        _router = await TestRouter.StartAsync(
            TestRouter.Table(1, TestRouter.BackendFor("v1", BackendRole.Champion, _backend.Url.ToString())),
            new RouterOptions { Auth = new AuthOptions { TokenDirectory = _tokens, AdminTokenDirectory = _admin } });
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        await _backend.DisposeAsync();
        Directory.Delete(_tokens, recursive: true);
        Directory.Delete(_admin, recursive: true);
    }

    [Fact]
    public async Task Without_a_token_inference_is_refused_with_a_bearer_challenge_and_a_json_error()
    {
        using var response = await _router.InferAsync(TestRouter.IrisRequest);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be(BearerAuthentication.Challenge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("error").GetString().Should().StartWith("missing bearer token");
        _backend.InferRequests.Should().Be(0, "a refused request never reaches a model");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_right_one_is_served()
    {
        using var wrong = await _router.InferAsync(TestRouter.IrisRequest, configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cre"));
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");

        using var right = await _router.InferAsync(TestRouter.IrisRequest, configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret"));
        right.StatusCode.Should().Be(HttpStatusCode.OK, await right.Content.ReadAsStringAsync());
        _backend.InferRequests.Should().Be(1);
    }

    [Fact]
    public async Task Probes_and_metrics_stay_open_and_metadata_is_closed()
    {
        (await _router.Client.GetAsync("v2/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _router.Client.GetAsync("v2/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _router.Client.GetAsync("metrics")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _router.Client.GetAsync("v2/models/iris")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_admin_endpoints_take_only_the_admin_tokens()
    {
        async Task<HttpStatusCode> LogsWith(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v2/logs");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            using var response = await _router.Client.SendAsync(request);
            return response.StatusCode;
        }

        (await LogsWith(null)).Should().Be(HttpStatusCode.Unauthorized);
        (await LogsWith("s3cret")).Should().Be(HttpStatusCode.Unauthorized, "an inference token is no admin token when an admin Secret is set");
        (await LogsWith("admin-s3cret")).Should().NotBe(HttpStatusCode.Unauthorized, "past authentication (404: this router keeps no log)");
    }

    [Fact]
    public async Task A_grpc_call_without_a_token_gets_grpc_status_unauthenticated()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "inference.GRPCInferenceService/ModelInfer") { Content = new ByteArrayContent([0, 0, 0, 0, 0]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var response = await _router.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "gRPC carries its status apart from HTTP's");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/grpc");
        // HTTP/1.1 has no trailers, so the status comes in the headers (a gRPC "trailers-only" answer).
        response.Headers.GetValues("grpc-status").Should().Equal(BearerAuthentication.GrpcUnauthenticated);
        Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()).Should().StartWith("missing bearer token");
    }
}
