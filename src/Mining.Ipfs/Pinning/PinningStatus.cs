namespace Mining.Ipfs.Pinning;

/// <summary>Where a pin request is in its life (Pinning Service API <c>Status</c>).</summary>
public enum PinningStatus
{
    /// <summary>Accepted, waiting for the provider to start.</summary>
    Queued,

    /// <summary>The provider is fetching the DAG.</summary>
    Pinning,

    /// <summary>The provider holds the whole DAG.</summary>
    Pinned,

    /// <summary>The provider gave up; <see cref="PinStatus.Info"/> may say why.</summary>
    Failed,
}
