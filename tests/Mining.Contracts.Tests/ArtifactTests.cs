using Mining.Contracts.Tests.Support;
using Mining.Ethereum.Tests.Support;

namespace Mining.Contracts.Tests;

public sealed class ArtifactTests
{
    [Fact]
    public void Recompiling_the_sources_with_the_pinned_solc_reproduces_the_committed_artifacts_exactly()
    {
        var output = Directory.CreateTempSubdirectory("mining-contracts-");
        try
        {
            Node.Run(Path.Combine(RepoPaths.Root, "src", "Mining.Contracts", "compile.mjs"), output.FullName);
            foreach (var name in new[] { "LearningRegistry", "LearningToken" })
            {
                var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Mining.Contracts", "Artifacts", name + ".json"));
                var recompiled = File.ReadAllText(Path.Combine(output.FullName, name + ".json"));
                Assert.True(committed == recompiled, $"{name}.json differs from a fresh compile: run `node src/Mining.Contracts/compile.mjs` and commit the artifacts.");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_embedded_artifacts_are_the_committed_files()
    {
        foreach (var name in new[] { "LearningRegistry", "LearningToken" })
        {
            var committed = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Mining.Contracts", "Artifacts", name + ".json"));
            Assert.Equal(committed, ContractArtifact.ReadJson(name));
        }
    }

    [Fact]
    public void The_registry_abi_has_the_interface_the_bindings_call()
    {
        var abi = ContractArtifact.LearningRegistry.Abi;
        Assert.Equal("anchor(bytes32,uint32,bytes32,bytes32)", abi.Function("anchor").Signature);
        Assert.Equal("claim(address,uint256,bytes32[])", abi.Function("claim").Signature);
        Assert.Equal("verify(bytes32,bytes32[],bytes32)", abi.Function("verify").Signature);
        Assert.Equal("BatchAnchored(uint256,bytes32,uint32,bytes32,bytes32)", abi.Event("BatchAnchored").Signature);
        Assert.Contains(abi.Errors, e => e.Signature == "InvalidProof(address,uint256,bytes32)");
        Assert.Contains(abi.Errors, e => e.Signature == "NothingToClaim(address,uint256,uint256)");
        Assert.Contains(abi.Errors, e => e.Name == "AccessControlUnauthorizedAccount");
        Assert.Equal("0.8.37+commit.f401782d.Emscripten.clang", ContractArtifact.LearningRegistry.Compiler);
    }
}
