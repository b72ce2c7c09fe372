using System.Numerics;
using Mining.Ethereum;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;

namespace Mining.Contracts;

/// <summary>Typed binding of the deployed <c>LearningToken</c> (ERC-20, minted only by the registry).</summary>
public sealed class LearningTokenContract
{
    private static readonly AbiDefinition Abi = ContractArtifact.LearningToken.Abi;
    private readonly EthRpcClient _rpc;

    public LearningTokenContract(EthRpcClient rpc, Address address)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        Address = address;
    }

    public Address Address { get; }

    /// <summary>Decodes the token's reverts (<c>NotMinter</c> and the ERC-20 errors).</summary>
    public static RevertDecoder Errors => Abi.RevertDecoder;

    /// <summary>A transaction transferring <paramref name="amount"/> to <paramref name="to"/>.</summary>
    public TransactionRequest Transfer(Address to, BigInteger amount) => new(Address, Abi.Function("transfer").EncodeCall(to, amount)) { Errors = Errors };

    /// <summary>A transaction minting (reverts with <c>NotMinter</c> unless sent by the registry).</summary>
    public TransactionRequest Mint(Address to, BigInteger amount) => new(Address, Abi.Function("mint").EncodeCall(to, amount)) { Errors = Errors };

    public async Task<BigInteger> BalanceOfAsync(Address account, CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("balanceOf", cancellationToken, account))[0];

    public async Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken = default) =>
        (BigInteger)(await CallAsync("totalSupply", cancellationToken))[0];

    public async Task<string> NameAsync(CancellationToken cancellationToken = default) =>
        (string)(await CallAsync("name", cancellationToken))[0];

    public async Task<string> SymbolAsync(CancellationToken cancellationToken = default) =>
        (string)(await CallAsync("symbol", cancellationToken))[0];

    public async Task<byte> DecimalsAsync(CancellationToken cancellationToken = default) =>
        (byte)(BigInteger)(await CallAsync("decimals", cancellationToken))[0];

    /// <summary>The only account allowed to mint (the registry).</summary>
    public async Task<Address> MinterAsync(CancellationToken cancellationToken = default) =>
        (Address)(await CallAsync("minter", cancellationToken))[0];

    private async Task<IReadOnlyList<object>> CallAsync(string function, CancellationToken cancellationToken, params object?[] arguments)
    {
        var abi = Abi.Function(function);
        var output = await _rpc.CallAsync(new CallRequest(Address, abi.EncodeCall(arguments)), BlockParameter.Latest, Errors, cancellationToken);
        return abi.DecodeOutput(output);
    }
}
