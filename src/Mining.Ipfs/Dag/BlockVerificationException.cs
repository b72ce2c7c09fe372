using Mining.Ipfs.Multiformats;

namespace Mining.Ipfs.Dag;

/// <summary>Bytes claimed to be a block do not hash to its CID, or a DAG is incomplete: whoever served them is not to be trusted.</summary>
public sealed class BlockVerificationException : Exception
{
    public BlockVerificationException()
    {
    }

    public BlockVerificationException(string message)
        : base(message)
    {
    }

    public BlockVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BlockVerificationException(Cid cid, string reason)
        : base($"Block {cid} failed verification: {reason}. Do not use these bytes; fetch them from another source.")
    {
        Cid = cid;
    }

    public Cid? Cid { get; }
}
