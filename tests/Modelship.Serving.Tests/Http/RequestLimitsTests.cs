using Microsoft.AspNetCore.Http;
using Modelship.Serving.Http;
using Modelship.Serving.Routing;
using Modelship.Serving.Runtime;

namespace Modelship.Serving.Tests.Http;

public sealed class RequestLimitsTests
{
    [Fact]
    public void The_router_and_the_runtime_default_to_the_same_limits()
    {
        var router = new RouterOptions().Limits;
        var runtime = new RuntimeOptions { ModelPath = "model.onnx" }.Limits;

        router.Should().Be(runtime);
        router.MaxBodyBytes.Should().Be(16 * 1024 * 1024);
    }

    [Theory]
    [InlineData(0, 240, 5, "--max-body-bytes must be positive")]
    [InlineData(1024, 0, 5, "--min-body-rate must be positive")]
    [InlineData(1024, 240, 1, "--body-grace-period must be more than 1 second")]
    public void Unusable_limits_name_the_flag(long maxBodyBytes, double rate, double graceSeconds, string problem)
    {
        var limits = new RequestLimits { MaxBodyBytes = maxBodyBytes, MinBodyBytesPerSecond = rate, BodyGracePeriod = TimeSpan.FromSeconds(graceSeconds) };

        limits.Problem().Should().Be(problem);
        new RequestLimits().Problem().Should().BeNull();
    }

    [Fact]
    public void Escaped_exceptions_are_answered_by_kind()
    {
        var limits = new RequestLimits { MaxBodyBytes = 10, MinBodyBytesPerSecond = 100, BodyGracePeriod = TimeSpan.FromSeconds(2) };

        RequestFailures.Classify(new BadHttpRequestException("timeout", 408), limits)
            .Should().Be(new RequestFailure(408, "request body arrived too slowly: less than 100 bytes/s after the first 2 s", false));
        RequestFailures.Classify(new BadHttpRequestException("too large", 413), limits)
            .Should().Be(new RequestFailure(413, "request body exceeds the limit of 10 bytes", false));
        RequestFailures.Classify(new BadHttpRequestException("Unexpected end of request content.", 400), limits)
            .Should().Be(new RequestFailure(400, "the request could not be read: Unexpected end of request content.", false));
        RequestFailures.Classify(new InvalidOperationException("a bug"), limits)
            .Should().Be(new RequestFailure(500, "the server failed to handle the request; its log has the details", true));
    }
}
