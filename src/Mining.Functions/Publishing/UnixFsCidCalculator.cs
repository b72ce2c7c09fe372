using Mining.Core.Preparation;
using Mining.Ipfs.UnixFs;

namespace Mining.Functions.Publishing;

/// <summary>
/// The CID a document is published under: Mining.Ipfs's UnixFS importer with Kubo's <c>--cid-version 1</c> profile
/// (raw leaves, 256 KiB chunks), so the CID computed at submission is the one <c>ipfs add</c> and the pin targets give.
/// </summary>
internal sealed class UnixFsCidCalculator : ICidCalculator
{
    public string ComputeCid(ReadOnlySpan<byte> bytes) => UnixFsImporter.ComputeCid(bytes, UnixFsImportOptions.KuboCidV1).ToString();
}
