namespace Mining.Core.Preparation;

/// <summary>Computes the IPFS CID under which a document's exact bytes will be published.</summary>
/// <remarks>
/// Implementations are pure: the same bytes always give the same CID, and nothing leaves the machine.
/// The CID is returned as a CIDv1 string in multibase base32 (<c>b…</c>).
/// </remarks>
public interface ICidCalculator
{
    string ComputeCid(ReadOnlySpan<byte> bytes);
}
