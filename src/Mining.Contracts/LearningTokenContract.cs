using System.Numerics;
using Mining.Contracts.Messages;
using Mining.Ethereum;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;

namespace Mining.Contracts;

/// <summary>Typed binding of the deployed <c>LearningToken</c> (ERC-20, minted only by the registry), over Nethereum function messages.</summary>
public sealed class LearningTokenContract
{
    private readonly EthRpcClient _rpc;

    public LearningTokenContract(EthRpcClient rpc, Address address)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        Address = address;
    }

    public Address Address { get; }

    /// <summary>Decodes the token's reverts (<c>NotMinter</c> and the ERC-20 errors).</summary>
    public static RevertDecoder Errors { get; } = RevertDecoder.FromAbi(ContractArtifact.LearningToken.AbiJson);

    /// <summary>A transaction transferring <paramref name="amount"/> to <paramref name="to"/>.</summary>
    public TransactionRequest Transfer(Address to, BigInteger amount) => ContractCalls.Request(Address, new TransferFunction { To = to.ToString(), Value = amount }, Errors);

    /// <summary>A transaction minting (reverts with <c>NotMinter</c> unless sent by the registry).</summary>
    public TransactionRequest Mint(Address to, BigInteger amount) => ContractCalls.Request(Address, new MintFunction { To = to.ToString(), Amount = amount }, Errors);

    public Task<BigInteger> BalanceOfAsync(Address account, CancellationToken cancellationToken = default) =>
        CallAsync<BalanceOfFunction, BigInteger>(new() { Account = account.ToString() }, cancellationToken);

    public Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken = default) => CallAsync<TotalSupplyFunction, BigInteger>(new(), cancellationToken);

    public Task<string> NameAsync(CancellationToken cancellationToken = default) => CallAsync<NameFunction, string>(new(), cancellationToken);

    public Task<string> SymbolAsync(CancellationToken cancellationToken = default) => CallAsync<SymbolFunction, string>(new(), cancellationToken);

    public Task<byte> DecimalsAsync(CancellationToken cancellationToken = default) => CallAsync<DecimalsFunction, byte>(new(), cancellationToken);

    /// <summary>The only account allowed to mint (the registry).</summary>
    public async Task<Address> MinterAsync(CancellationToken cancellationToken = default) =>
        Address.Parse((await CallAsync<MinterFunction, string>(new(), cancellationToken)).ToLowerInvariant());

    private Task<TOutput> CallAsync<TFunction, TOutput>(TFunction message, CancellationToken cancellationToken)
        where TFunction : Nethereum.Contracts.FunctionMessage => ContractCalls.CallAsync<TFunction, TOutput>(_rpc, Address, message, Errors, cancellationToken);
}
