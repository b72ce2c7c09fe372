using Mining.Testing;

namespace Mining.Ipfs.Tests.Support;

/// <summary>Tests that run against the dev stack's two Helia nodes (A holds content, B is connected to A).</summary>
[CollectionDefinition(Name)]
public sealed class LocalIpfsNodes : ICollectionFixture<DevStackFixture>
{
    public const string Name = "local IPFS nodes";
}
