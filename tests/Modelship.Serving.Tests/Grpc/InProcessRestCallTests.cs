using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Modelship.Serving.Grpc;

namespace Modelship.Serving.Tests.Grpc;

public sealed class InProcessRestCallTests
{
    [Fact]
    public async Task The_endpoint_sees_the_rest_route_the_metadata_as_headers_and_the_body()
    {
        string? seen = null;
        RequestDelegate endpoint = async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            seen = $"{context.Request.Method} {context.Request.Path} name={context.Request.RouteValues["name"]} version={context.Request.RouteValues["version"]} " +
                   $"user={context.Request.Headers["x-user"]} te={context.Request.Headers["te"]} bin={context.Request.Headers["trace-bin"]} body={await reader.ReadToEndAsync()}";
            context.Response.StatusCode = 201;
            context.Response.Headers["x-modelship-role"] = "champion";
            await context.Response.WriteAsync("{\"ok\":true}");
        };
        var headers = new Dictionary<string, StringValues> { ["x-user"] = "u1", ["te"] = "trailers", ["trace-bin"] = "AAE=", [":path"] = "/inference.GRPCInferenceService/ModelInfer" };

        var answer = await InProcessRestCall.InvokeAsync(endpoint, "POST", "/v2/models/iris/versions/v2/infer", "iris", "v2", "{}"u8.ToArray(), headers, CancellationToken.None);

        seen.Should().Be("POST /v2/models/iris/versions/v2/infer name=iris version=v2 user=u1 te= bin= body={}");
        answer.Status.Should().Be(201);
        answer.IsSuccess.Should().BeTrue();
        answer.Headers["x-modelship-role"].ToString().Should().Be("champion");
        System.Text.Encoding.UTF8.GetString(answer.Body).Should().Be("{\"ok\":true}");
    }

    [Theory]
    [InlineData(400, StatusCode.InvalidArgument)]
    [InlineData(404, StatusCode.NotFound)]
    [InlineData(408, StatusCode.DeadlineExceeded)]
    [InlineData(413, StatusCode.ResourceExhausted)]
    [InlineData(500, StatusCode.Internal)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.DeadlineExceeded)]
    public void Rest_errors_become_grpc_statuses_with_the_v2_error_message(int status, StatusCode code)
    {
        var exception = GrpcStatusCodes.ToException(new RestAnswer(status, new HeaderDictionary(), "{\"error\":\"what went wrong\"}"u8.ToArray()));

        exception.StatusCode.Should().Be(code);
        exception.Status.Detail.Should().Be("what went wrong");
    }

    [Fact]
    public void An_error_body_that_is_not_v2_json_is_the_message_as_text()
    {
        GrpcStatusCodes.ErrorMessage(new RestAnswer(502, new HeaderDictionary(), "bad gateway"u8.ToArray())).Should().Be("bad gateway");
        GrpcStatusCodes.ErrorMessage(new RestAnswer(502, new HeaderDictionary(), [])).Should().Be("HTTP status 502");
    }
}
