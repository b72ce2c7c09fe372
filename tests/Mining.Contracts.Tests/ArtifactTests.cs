using Mining.Contracts.Messages;
using Mining.Ethereum;
using Mining.Ethereum.Rpc;
using Mining.Testing;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Mining.Contracts.Tests;

public sealed class ArtifactTests
{
    [Fact]
    public void Recompiling_the_sources_with_the_pinned_solc_reproduces_the_committed_artifacts_exactly()
    {
        var output = Directory.CreateTempSubdirectory("mining-contracts-");
        try
        {
            StackNode.Run(RepositoryFiles.PathOf("src", "Mining.Contracts", "compile.mjs"), output.FullName);
            foreach (var name in new[] { "LearningRegistry", "LearningToken" })
            {
                var committed = File.ReadAllText(RepositoryFiles.PathOf("src", "Mining.Contracts", "Artifacts", name + ".json"));
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
            var committed = File.ReadAllText(RepositoryFiles.PathOf("src", "Mining.Contracts", "Artifacts", name + ".json"));
            Assert.Equal(committed, ContractArtifact.ReadJson(name));
        }
    }

    [Fact]
    public void The_typed_messages_have_the_signatures_of_the_compiled_abi()
    {
        var abi = new ABIJsonDeserialiser().DeserialiseContract(ContractArtifact.LearningRegistry.AbiJson);
        foreach (var function in new[] { ABITypedRegistry.GetFunctionABI<AnchorFunction>(), ABITypedRegistry.GetFunctionABI<ClaimFunction>(), ABITypedRegistry.GetFunctionABI<VerifyFunction>(), ABITypedRegistry.GetFunctionABI<BatchOfFunction>() })
        {
            Assert.Contains(abi.Functions, f => f.Sha3Signature == function.Sha3Signature && f.Signature == function.Signature);
        }

        Assert.Equal("anchor(bytes32,uint32,bytes32,bytes32)", ABITypedRegistry.GetFunctionABI<AnchorFunction>().Signature);
        Assert.Contains(abi.Events, e => e.Sha3Signature == ABITypedRegistry.GetEvent<BatchAnchoredEventDto>().Sha3Signature);
        Assert.Contains(abi.Events, e => e.Sha3Signature == ABITypedRegistry.GetEvent<ClaimedEventDto>().Sha3Signature);
        Assert.Contains(abi.Errors, e => e.Signature == "InvalidProof(address,uint256,bytes32)");
        Assert.Equal("0.8.37+commit.f401782d.Emscripten.clang", ContractArtifact.LearningRegistry.Compiler);
    }

    [Fact]
    public void Anchor_and_claim_call_data_is_exactly_what_cast_calldata_gives()
    {
        var root = Hash32.Parse("0x" + new string('a', 64));
        var digest = Hash32.Parse("0x" + new string('b', 64));
        var registry = new LearningRegistryContract(AnvillessRpc, Address.Zero);
        Assert.Equal(
            Cast.Run("calldata", "anchor(bytes32,uint32,bytes32,bytes32)", root.ToString(), "7", digest.ToString(), Hash32.Zero.ToString()),
            registry.Anchor(root, 7, digest, Hash32.Zero).Data.Span.ToArray().ToHex(true));

        var account = Address.Parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Assert.Equal(
            Cast.Run("calldata", "claim(address,uint256,bytes32[])", account.ToString(), "1000", $"[{root},{digest}]"),
            registry.Claim(account, 1000, [root, digest]).Data.Span.ToArray().ToHex(true));
    }

    [Fact]
    public void A_batch_anchored_log_encoded_by_cast_decodes_to_its_fields()
    {
        var root = Hash32.Parse("0x" + new string('c', 64));
        var rewards = Hash32.Parse("0x" + new string('d', 64));
        var topic = Hash32.Parse(Cast.Run("keccak", "BatchAnchored(uint256,bytes32,uint32,bytes32,bytes32)"));
        var data = Cast.Run("abi-encode", "f(uint32,bytes32,bytes32)", "1000", Hash32.Zero.ToString(), rewards.ToString());
        var log = new FilterLog
        {
            Address = Address.Zero.ToString(), Topics = [topic.ToString(), Cast.Run("to-uint256", "3"), root.ToString()], Data = data,
            BlockNumber = new HexBigInteger(9), BlockHash = Hash32.Zero.ToString(), TransactionHash = rewards.ToString(), LogIndex = new HexBigInteger(0),
        };

        Assert.Equal(LearningRegistryContract.BatchAnchoredTopic, topic);
        var decoded = LearningRegistryContract.TryDecodeBatchAnchored(log);
        Assert.Equal(new BatchAnchoredEvent(3, root, 1000, Hash32.Zero, rewards, new TxHash(rewards), 9, Hash32.Zero), decoded);
        Assert.Null(LearningRegistryContract.TryDecodeClaimed(log));
    }

    private static EthRpcClient AnvillessRpc { get; } = new(new HttpClient(), new EthRpcOptions { Endpoint = new Uri("http://127.0.0.1:1/") });
}
