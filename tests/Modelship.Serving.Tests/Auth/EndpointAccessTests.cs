using Modelship.Serving.Auth;

namespace Modelship.Serving.Tests.Auth;

public sealed class EndpointAccessTests
{
    public static TheoryData<string, string, EndpointAccessLevel> Cases => new()
    {
        { "GET", "/v2/health/live", EndpointAccessLevel.Open },
        { "GET", "/v2/health/ready", EndpointAccessLevel.Open },
        { "GET", "/metrics", EndpointAccessLevel.Open },
        { "GET", "/v2/monitoring", EndpointAccessLevel.Open },
        { "POST", "/inference.GRPCInferenceService/ServerLive", EndpointAccessLevel.Open },
        { "POST", "/inference.GRPCInferenceService/ServerReady", EndpointAccessLevel.Open },
        { "POST", "/v2/monitoring", EndpointAccessLevel.Inference },
        { "GET", "/v2", EndpointAccessLevel.Inference },
        { "GET", "/v2/models/iris", EndpointAccessLevel.Inference },
        { "GET", "/v2/models/iris/ready", EndpointAccessLevel.Inference },
        { "POST", "/v2/models/iris/infer", EndpointAccessLevel.Inference },
        { "POST", "/v2/models/iris/versions/v1/infer", EndpointAccessLevel.Inference },
        { "POST", "/inference.GRPCInferenceService/ModelInfer", EndpointAccessLevel.Inference },
        { "POST", "/inference.GRPCInferenceService/ModelReady", EndpointAccessLevel.Inference },
        { "GET", "/no/such/path", EndpointAccessLevel.Inference },
        { "GET", "/v2/healthz", EndpointAccessLevel.Inference },
        { "GET", "/metrics/x", EndpointAccessLevel.Inference },
        { "GET", "/v2/logs", EndpointAccessLevel.Admin },
        { "GET", "/v2/logs/export", EndpointAccessLevel.Admin },
        { "POST", "/v2/models/iris/actuals", EndpointAccessLevel.Admin },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sorts_requests_by_the_tokens_they_need(string method, string path, EndpointAccessLevel expected) =>
        EndpointAccess.Of(method, path).Should().Be(expected);

    public static TheoryData<string?, string?> Headers => new()
    {
        { null, null },
        { "", null },
        { "Bearer", null },
        { "Bearer ", null },
        { "Bearer    ", null },
        { "Basic YWxpY2U6cw==", null },
        { "Bearer abc", "abc" },
        { "bearer abc", "abc" },
        { "BEARER  abc ", "abc" },
        { "Bearerabc", null },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Reads_the_token_of_a_bearer_authorization_header(string? header, string? token) =>
        BearerAuthentication.BearerToken(header is null ? default : new Microsoft.Extensions.Primitives.StringValues(header)).Should().Be(token);

    [Fact]
    public void Two_authorization_headers_carry_no_token() =>
        BearerAuthentication.BearerToken(new Microsoft.Extensions.Primitives.StringValues(["Bearer a", "Bearer b"])).Should().BeNull();
}
