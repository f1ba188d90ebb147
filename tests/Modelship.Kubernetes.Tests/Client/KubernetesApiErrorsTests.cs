using System.Net;
using k8s.Models;
using Modelship.Kubernetes.Client;
using Modelship.Kubernetes.Models;

namespace Modelship.Kubernetes.Tests.Client;

public sealed class KubernetesApiErrorsTests
{
    [Fact]
    public void Status_body_gives_reason_message_and_causes()
    {
        const string body = """
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"ConfigMap \"BAD\" is invalid: metadata.name: Invalid value: \"BAD\": a lowercase RFC 1123 subdomain must consist of...",
             "reason":"Invalid",
             "details":{"name":"BAD","kind":"ConfigMap","causes":[
               {"reason":"FieldValueInvalid","message":"Invalid value: \"BAD\"","field":"metadata.name"}]},
             "code":422}
            """;

        var error = KubernetesApiErrors.FromResponse(HttpStatusCode.UnprocessableEntity, body, null, "POST /api/v1/namespaces/x/configmaps");

        error.Reason.Should().Be(KubernetesErrorReason.Invalid);
        error.IsInvalid.Should().BeTrue();
        error.IsNotFound.Should().BeFalse();
        error.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        error.Message.Should().StartWith("POST /api/v1/namespaces/x/configmaps: 422 Invalid: ConfigMap \"BAD\" is invalid");
        error.Causes.Should().ContainSingle().Which.Should().BeEquivalentTo(new V1StatusCause
        {
            Field = "metadata.name",
            Reason = "FieldValueInvalid",
            Message = "Invalid value: \"BAD\"",
        });
        error.Status!.Details!.Name.Should().Be("BAD");
    }

    [Theory]
    [InlineData(409, "AlreadyExists", KubernetesErrorReason.AlreadyExists)]
    [InlineData(409, "Conflict", KubernetesErrorReason.Conflict)]
    [InlineData(410, "Expired", KubernetesErrorReason.Expired)]
    [InlineData(404, "NotFound", KubernetesErrorReason.NotFound)]
    [InlineData(403, "Forbidden", KubernetesErrorReason.Forbidden)]
    [InlineData(500, "ServerTimeout", KubernetesErrorReason.ServerTimeout)]
    public void Status_reason_is_taken_from_the_body_not_the_code(int code, string reason, KubernetesErrorReason expected)
    {
        var body = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"{{reason}}","message":"m","code":{{code}}}""";

        KubernetesApiErrors.FromResponse((HttpStatusCode)code, body, null).Reason.Should().Be(expected);
    }

    [Fact]
    public void Conflict_and_already_exists_are_told_apart()
    {
        var alreadyExists = KubernetesApiErrors.FromResponse(
            HttpStatusCode.Conflict, """{"kind":"Status","reason":"AlreadyExists","code":409}""", null);
        var conflict = KubernetesApiErrors.FromResponse(
            HttpStatusCode.Conflict, """{"kind":"Status","reason":"Conflict","code":409}""", null);

        alreadyExists.IsAlreadyExists.Should().BeTrue();
        alreadyExists.IsConflict.Should().BeFalse();
        conflict.IsConflict.Should().BeTrue();
        conflict.IsAlreadyExists.Should().BeFalse();
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, KubernetesErrorReason.NotFound)]
    [InlineData(HttpStatusCode.Gone, KubernetesErrorReason.Gone)]
    [InlineData(HttpStatusCode.TooManyRequests, KubernetesErrorReason.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable, KubernetesErrorReason.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Unauthorized, KubernetesErrorReason.Unauthorized)]
    [InlineData(HttpStatusCode.UnprocessableEntity, KubernetesErrorReason.Invalid)]
    [InlineData(HttpStatusCode.MethodNotAllowed, KubernetesErrorReason.MethodNotAllowed)]
    [InlineData(HttpStatusCode.BadGateway, KubernetesErrorReason.Unknown)]
    public void Without_a_Status_body_the_reason_comes_from_the_status_code(HttpStatusCode code, KubernetesErrorReason expected)
    {
        var error = KubernetesApiErrors.FromResponse(code, "<html>proxy error</html>", null);

        error.Reason.Should().Be(expected);
        error.Message.Should().Contain("<html>proxy error</html>");
        error.Status.Should().BeNull();
    }

    [Fact]
    public void Gone_is_recognised_by_code_or_by_Expired_reason()
    {
        KubernetesApiErrors.FromResponse(HttpStatusCode.Gone, null, null).IsGone.Should().BeTrue();
        KubernetesApiErrors.FromResponse(HttpStatusCode.Gone, """{"kind":"Status","reason":"Expired","code":410}""", null)
            .IsGone.Should().BeTrue();
        KubernetesApiErrors.FromResponse(HttpStatusCode.NotFound, null, null).IsGone.Should().BeFalse();
    }

    [Fact]
    public void Retry_after_comes_from_the_header_first_then_from_the_status_details()
    {
        const string body = """{"kind":"Status","reason":"TooManyRequests","details":{"retryAfterSeconds":7},"code":429}""";

        KubernetesApiErrors.FromResponse(HttpStatusCode.TooManyRequests, body, TimeSpan.FromSeconds(2))
            .RetryAfter.Should().Be(TimeSpan.FromSeconds(2));
        KubernetesApiErrors.FromResponse(HttpStatusCode.TooManyRequests, body, null)
            .RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
        KubernetesApiErrors.FromResponse(HttpStatusCode.TooManyRequests, null, null).RetryAfter.Should().BeNull();
    }

    [Fact]
    public void A_watch_error_status_maps_by_its_code()
    {
        var error = KubernetesApiErrors.FromWatchStatus(new V1Status { Kind = "Status", Code = 410, Reason = "Expired", Message = "too old resource version" });

        error.StatusCode.Should().Be(HttpStatusCode.Gone);
        error.IsGone.Should().BeTrue();
    }
}
