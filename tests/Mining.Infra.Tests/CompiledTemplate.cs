using System.Text.Json.Nodes;
using Mining.Infra.Tests.Arm;
using Mining.Testing;

namespace Mining.Infra.Tests;

/// <summary>infra/azure/main.bicep compiled once by the real bicep compiler for every test of the collection.</summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    internal ArmDeployment Main { get; private set; } = null!;

    /// <summary>What bicep printed while compiling (warnings and linter findings); empty when the template is clean.</summary>
    internal string Diagnostics { get; private set; } = string.Empty;

    /// <summary>The compiled template as text, for assertions over all of it.</summary>
    internal string Json { get; private set; } = string.Empty;

    internal ArmDeployment Storage => Main.Module("storage");

    internal ArmDeployment Functions => Main.Module("functions");

    internal ArmDeployment KeyVault => Main.Module("keyvault");

    internal ArmDeployment Monitoring => Main.Module("monitoring");

    internal ArmDeployment Identity => Main.Module("identity");

    public async Task InitializeAsync()
    {
        (Json, Diagnostics) = await Bicep.BuildAsync(RepositoryFiles.PathOf("infra", "azure", "main.bicep"));
        Main = new ArmDeployment("main", JsonNode.Parse(Json)!.AsObject(), null, null);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
