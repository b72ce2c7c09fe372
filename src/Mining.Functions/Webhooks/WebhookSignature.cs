using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mining.Functions.Webhooks;

/// <summary>
/// The signature on every webhook body, in the shape GitHub and Stripe receivers know:
/// <c>X-Mining-Signature: t=1767225600,v1=5257a8…</c>, where <c>t</c> is the Unix time of sending and each <c>v1</c>
/// is the lowercase hex HMAC-SHA256 of <c>{t}.{raw body}</c> under a signing secret (the UTF-8 bytes of the whole
/// <c>whsec_…</c> string). While a rotated secret is in its grace period the header carries one <c>v1</c> per secret.
/// A receiver verifies the raw bytes it received (before parsing them), compares in constant time, and refuses a
/// timestamp outside its tolerance so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Mining-Signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>The tolerance the documentation recommends: five minutes either way.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/>, signed by each secret.</summary>
    public static string Create(IEnumerable<string> secrets, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder("t=").Append(t);
        foreach (var secret in secrets)
        {
            header.Append(",v1=").Append(Convert.ToHexStringLower(Compute(secret, t, body)));
        }

        return header.ToString();
    }

    /// <summary>
    /// True when <paramref name="header"/> carries a <c>v1</c> signature of <paramref name="body"/> by
    /// <paramref name="secret"/> and a timestamp within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 4096)
        {
            return false;
        }

        string? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var i and > 0 ? (part[..i].Trim(), part[(i + 1)..].Trim()) : (part, string.Empty);
            if (name == "t")
            {
                t = value;
            }
            else if (name == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigitLower))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Compute(secret, t, body);
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(signature, expected);
        }

        return matched;
    }

    private static byte[] Compute(string secret, string t, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
