namespace Mining.Infra.Tests;

/// <summary>The tests that read infra/azure/main.bicep as the bicep compiler turns it into ARM JSON (compiled once).</summary>
[CollectionDefinition(Name)]
public sealed class BicepCompilation : ICollectionFixture<CompiledTemplate>
{
    public const string Name = "compiled main.bicep";
}
