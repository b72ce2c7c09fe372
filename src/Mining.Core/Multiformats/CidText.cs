namespace Mining.Core.Multiformats;

/// <summary>Binary form of a CIDv1 written in multibase base32 (<c>b…</c>).</summary>
public static class CidText
{
    /// <exception cref="FormatException">Not a base32 CIDv1.</exception>
    public static byte[] ToBytes(string cid)
    {
        ArgumentNullException.ThrowIfNull(cid);
        if (cid.Length < 2 || cid[0] != 'b')
        {
            throw new FormatException($"'{cid}' is not a CIDv1 in base32 (it must start with 'b'); convert CIDv0 'Qm…' values with 'ipfs cid base32'.");
        }

        var bytes = Base32Lower.Decode(cid.AsSpan(1));
        if (bytes.Length < 4 || bytes[0] != 0x01)
        {
            throw new FormatException($"'{cid}' does not decode to a version 1 CID.");
        }

        return bytes;
    }
}
