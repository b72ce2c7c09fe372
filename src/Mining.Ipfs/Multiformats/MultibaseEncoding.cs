namespace Mining.Ipfs.Multiformats;

/// <summary>The multibase encodings this library reads and writes.</summary>
public enum MultibaseEncoding
{
    /// <summary>RFC 4648 base32, lower case, no padding (prefix <c>b</c>); the default for CIDv1.</summary>
    Base32Lower,

    /// <summary>Bitcoin base58 (prefix <c>z</c>); CIDv0 is base58btc without the prefix.</summary>
    Base58Btc,

    /// <summary>Base36, lower case (prefix <c>k</c>); used for subdomain gateways.</summary>
    Base36Lower,

    /// <summary>Hexadecimal, lower case (prefix <c>f</c>).</summary>
    Base16Lower,
}
