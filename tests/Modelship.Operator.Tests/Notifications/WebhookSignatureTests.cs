using System.Text;
using Modelship.Api.V1Alpha1;
using Modelship.Operator.Notifications;

namespace Modelship.Operator.Tests.Notifications;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("topsecret");

    [Fact]
    public void Signs_timestamp_dot_body_like_a_reference_hmac()
    {
        // python3: hmac.new(b'topsecret', b'1700000000.{"event":"Drifting"}', hashlib.sha256).hexdigest()
        WebhookSignature.Sign(Key, "1700000000", """{"event":"Drifting"}""")
            .Should().Be("sha256=237f2e12b7aabaf9debc73da87ad2675c5d6dc35d5a8a118078e7fc278019ade");
    }

    [Fact]
    public void A_changed_body_timestamp_or_key_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Key, "1700000000", "{}");
        WebhookSignature.Verify(Key, "1700000000", "{}", signature).Should().BeTrue();
        WebhookSignature.Verify(Key, "1700000001", "{}", signature).Should().BeFalse("the timestamp is signed, so a replay cannot refresh it");
        WebhookSignature.Verify(Key, "1700000000", "{ }", signature).Should().BeFalse();
        WebhookSignature.Verify(Encoding.UTF8.GetBytes("other"), "1700000000", "{}", signature).Should().BeFalse();
    }

    [Fact]
    public void Hmac_requests_carry_timestamp_and_signature_and_bearer_requests_the_token()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        using var signed = WebhookSender.Request(new WebhookSpec { Url = "http://127.0.0.1:1/hook", Auth = WebhookAuth.HmacSha256 }, """{"event":"Drifting"}""", Key, now);
        signed.Headers.GetValues(WebhookSignature.TimestampHeader).Should().Equal("1700000000");
        signed.Headers.GetValues(WebhookSignature.SignatureHeader).Should().Equal("sha256=237f2e12b7aabaf9debc73da87ad2675c5d6dc35d5a8a118078e7fc278019ade");
        signed.Headers.Authorization.Should().BeNull();

        using var bearer = WebhookSender.Request(new WebhookSpec { Url = "http://127.0.0.1:1/hook" }, "{}", Encoding.UTF8.GetBytes("token-1\n"), now);
        bearer.Headers.Authorization!.ToString().Should().Be("Bearer token-1");
        bearer.Headers.Contains(WebhookSignature.SignatureHeader).Should().BeFalse();

        using var anonymous = WebhookSender.Request(new WebhookSpec { Url = "http://127.0.0.1:1/hook" }, "{}", null, now);
        anonymous.Headers.Authorization.Should().BeNull();
        anonymous.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
    }
}
