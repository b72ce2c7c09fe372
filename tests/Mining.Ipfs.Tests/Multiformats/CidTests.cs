using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Tests.Multiformats;

public sealed class CidTests
{
    // The CIDv0 of "hello world\n" (Kubo's documented example) and its CIDv1 forms, as `ipfs cid format` prints them.
    private const string V0 = "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o";
    private const string V1Base32 = "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby";

    [Fact]
    public void A_CIDv0_converts_to_the_CIDv1_Kubo_prints_and_back()
    {
        var v0 = Cid.Parse(V0);

        Assert.Equal(0, v0.Version);
        Assert.Equal(Multicodec.DagPb, v0.Codec);
        Assert.Equal(V1Base32, v0.ToV1().ToString());
        Assert.Equal(V0, Cid.Parse(V1Base32).ToV0().ToString());
        Assert.True(v0.SameContentAs(v0.ToV1()));
        Assert.NotEqual(v0, v0.ToV1());
    }

    [Theory]
    [InlineData(MultibaseEncoding.Base32Lower, 'b')]
    [InlineData(MultibaseEncoding.Base58Btc, 'z')]
    [InlineData(MultibaseEncoding.Base36Lower, 'k')]
    [InlineData(MultibaseEncoding.Base16Lower, 'f')]
    public void A_CIDv1_round_trips_through_every_supported_multibase(MultibaseEncoding encoding, char prefix)
    {
        var cid = Cid.Parse(V1Base32);

        var text = cid.ToString(encoding);

        Assert.Equal(prefix, text[0]);
        Assert.Equal(cid, Cid.Parse(text));
    }

    [Fact]
    public void Base16_base36_and_base58btc_forms_match_those_of_js_multiformats()
    {
        var cid = Cid.Parse("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");

        Assert.Equal("f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", cid.ToString(MultibaseEncoding.Base16Lower));
        Assert.Equal("k2cwuecvan95uqzq14dj3a18wx6av6tgr73nxvopxn3j5kvyr0apys7b", cid.ToString(MultibaseEncoding.Base36Lower));
        Assert.Equal("zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY", cid.ToString(MultibaseEncoding.Base58Btc));
        Assert.Equal(cid, Cid.Parse(cid.ToString(MultibaseEncoding.Base36Lower).ToUpperInvariant()));
    }

    [Fact]
    public void The_CID_of_a_raw_block_is_the_SHA_256_of_its_bytes()
    {
        var cid = Cid.Compute(Multicodec.Raw, "hello world\n"u8);

        Assert.Equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", cid.ToString());
        Assert.True(cid.Hash.Matches("hello world\n"u8));
        Assert.False(cid.Hash.Matches("hello world!"u8));
    }

    [Fact]
    public void An_identity_CID_carries_its_content_inline()
    {
        var cid = Cid.V1(Multicodec.Raw, Multihash.Identity("hi"u8));

        var parsed = Cid.Parse(cid.ToString());

        Assert.Equal(MultihashCode.Identity, parsed.Hash.Code);
        Assert.True(parsed.Hash.Matches("hi"u8));
    }

    [Theory]
    [InlineData("", "not a CID")]
    [InlineData("xyz", "Unsupported multibase prefix 'x'")]
    [InlineData("b!!!", "not in the base32 alphabet")]
    [InlineData("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff50", "not in the base58btc alphabet")]
    [InlineData("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2deve", "truncated")]
    [InlineData("f01601220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", "Unsupported CID codec 0x60")]
    [InlineData("f01551320a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", "Unsupported multihash function 0x13")]
    [InlineData("f02551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", "Unsupported CID version 2")]
    [InlineData("f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a44700", "unexpected bytes after the CID")]
    public void Malformed_CIDs_are_refused_with_a_message_saying_what_is_wrong(string text, string expected)
    {
        var error = Assert.ThrowsAny<FormatException>(() => Cid.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Cid.TryParse(text, out _));
    }

    [Fact]
    public void Only_dag_pb_with_sha2_256_has_a_v0_form()
    {
        var raw = Cid.Compute(Multicodec.Raw, "x"u8);

        var error = Assert.Throws<InvalidOperationException>(() => raw.ToV0());

        Assert.Contains("only dag-pb with sha2-256", error.Message, StringComparison.Ordinal);
    }
}
