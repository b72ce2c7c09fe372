using Mining.Testing;

namespace Mining.Contracts.Tests;

[CollectionDefinition("DevStack")]
public sealed class DevStackCollectionDefinition : ICollectionFixture<DevStackFixture>;
