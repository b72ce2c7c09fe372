using Mining.Testing;

namespace Mining.Durable.Tests;

[CollectionDefinition("DevStack")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "xunit collection definitions are named ...Collection by convention.")]
public sealed class DevStackCollection : ICollectionFixture<DevStackFixture>;
