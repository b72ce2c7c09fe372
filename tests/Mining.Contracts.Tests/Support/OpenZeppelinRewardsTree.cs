using System.Numerics;
using System.Text.Json;
using Mining.Ethereum;
using Mining.Testing;

namespace Mining.Contracts.Tests.Support;

/// <summary>Builds a rewards tree with OpenZeppelin's own StandardMerkleTree (npm @openzeppelin/merkle-tree), an independent implementation.</summary>
internal sealed record OpenZeppelinRewardsTree(Hash32 Root, IReadOnlyList<IReadOnlyList<Hash32>> Proofs)
{
    private const string Script = """
        import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
        const values = JSON.parse(process.argv[1]);
        const tree = StandardMerkleTree.of(values, ["address", "uint256"]);
        console.log(JSON.stringify({ root: tree.root, proofs: values.map((_, i) => tree.getProof(i)) }));
        """;

    public static OpenZeppelinRewardsTree Build(params (Address Account, BigInteger Cumulative)[] entries)
    {
        var values = JsonSerializer.Serialize(entries.Select(e => new[] { e.Account.ToString(), e.Cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        using var output = JsonDocument.Parse(StackNode.Run("--input-type=module", "-e", Script, values));
        return new OpenZeppelinRewardsTree(
            Hash32.Parse(output.RootElement.GetProperty("root").GetString()!),
            output.RootElement.GetProperty("proofs").EnumerateArray()
                .Select(p => (IReadOnlyList<Hash32>)p.EnumerateArray().Select(h => Hash32.Parse(h.GetString()!)).ToList()).ToList());
    }
}
