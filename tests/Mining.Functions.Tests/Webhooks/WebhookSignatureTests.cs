using System.Text;
using Mining.Functions.Webhooks;

namespace Mining.Functions.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";
    private static readonly DateTimeOffset Sent = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"learningId\":\"lrn_1\",\"cid\":\"bafy\"}");

    [Fact]
    public void A_signed_body_verifies_within_the_window()
    {
        var header = WebhookSignature.Create([Secret], Sent, Body);

        Assert.StartsWith("t=1767225600,v1=", header, StringComparison.Ordinal);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Sent.AddMinutes(4), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void The_signature_is_hmac_sha256_of_timestamp_dot_body_in_lowercase_hex()
    {
        var header = WebhookSignature.Create([Secret], Sent, Body);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes("1767225600."), .. Body]));

        Assert.Equal($"t=1767225600,v1={expected}", header);
    }

    [Fact]
    public void A_replay_outside_the_window_fails_verification()
    {
        var header = WebhookSignature.Create([Secret], Sent, Body);

        Assert.False(WebhookSignature.Verify(Secret, header, Body, Sent.AddMinutes(6), WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Sent.AddMinutes(-6), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_changed_body_a_changed_timestamp_or_another_secret_fails_verification()
    {
        var header = WebhookSignature.Create([Secret], Sent, Body);
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 1;

        Assert.False(WebhookSignature.Verify(Secret, header, changed, Sent, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, header.Replace("t=1767225600", "t=1767225601", StringComparison.Ordinal), Body, Sent, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify("whsec_other", header, Body, Sent, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, null, Body, Sent, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(Secret, "t=abc,v1=zz", Body, Sent, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void During_a_secret_rotation_either_secret_verifies()
    {
        const string next = "whsec_bmV4dC1uZXh0LW5leHQtbmV4dC1uZXh0LW5leHQtbmV4dA";
        var header = WebhookSignature.Create([next, Secret], Sent, Body);

        Assert.Equal(2, header.Split(",v1=").Length - 1);
        Assert.True(WebhookSignature.Verify(next, header, Body, Sent, WebhookSignature.DefaultTolerance));
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Sent, WebhookSignature.DefaultTolerance));
    }
}
