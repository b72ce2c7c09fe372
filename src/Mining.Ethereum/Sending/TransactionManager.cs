using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mining.Ethereum.Abi;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Signing;
using Mining.Ethereum.Transactions;
using Nethereum.Hex.HexTypes;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Ethereum.Sending;

/// <summary>Sends EIP-1559 transactions for one sender and follows them to confirmation.</summary>
/// <remarks>
/// Guarantees: nonces come from an <see cref="INonceStore"/> with compare-and-swap, reconciled with the chain's pending
/// nonce, so concurrent sends never reuse or skip a nonce; fees never exceed <see cref="TransactionManagerOptions.MaxFeePerGasCeiling"/>
/// (<see cref="FeeCeilingExceededException"/> instead); the balance is checked before signing
/// (<see cref="InsufficientFundsException"/> with address, balance and cost); rebroadcasting the same raw transaction is
/// idempotent; a stuck transaction is replaced at the same nonce with both fees raised by at least 12.5 %; confirmations
/// count only while the receipt's block is canonical, so a reorg resets them and a dropped transaction is rebroadcast.
/// Each step (<see cref="PrepareAsync"/>, <see cref="BroadcastAsync"/>, <see cref="AdvanceAsync"/>) can run in a separate
/// activity with the returned <see cref="SentTransaction"/> persisted in between.
/// </remarks>
public sealed partial class TransactionManager
{
    private readonly EthRpcClient _rpc;
    private readonly ISigner _signer;
    private readonly INonceStore _nonces;
    private readonly TransactionManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _chainChecked;

    public TransactionManager(EthRpcClient rpc, ISigner signer, INonceStore nonces, TransactionManagerOptions options, TimeProvider? timeProvider = null, ILogger<TransactionManager>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rpc = rpc;
        _signer = signer;
        _nonces = nonces;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<TransactionManager>.Instance;
    }

    /// <summary>The sending account.</summary>
    public Address Sender => _signer.Address;

    /// <summary>The RPC client the manager uses.</summary>
    public EthRpcClient Rpc => _rpc;

    /// <summary>Prepares and broadcasts a transaction.</summary>
    public async Task<SentTransaction> SendAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        var prepared = await PrepareAsync(request, cancellationToken);
        return await BroadcastAsync(prepared, cancellationToken);
    }

    /// <summary>Estimates gas, prices fees, checks the balance, allocates the nonce and signs — without broadcasting.</summary>
    /// <exception cref="Rpc.ExecutionRevertedException">The gas estimate reverted (decoded with <see cref="TransactionRequest.Errors"/>).</exception>
    /// <exception cref="FeeCeilingExceededException">The network needs more than the fee ceiling.</exception>
    /// <exception cref="InsufficientFundsException">The sender cannot pay gas limit × max fee + value.</exception>
    public async Task<SentTransaction> PrepareAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await EnsureChainAsync(cancellationToken);
        var gasLimit = request.GasLimit ?? await EstimateGasAsync(request, cancellationToken);
        var (maxFee, priorityFee) = await MarketFeesAsync(cancellationToken);
        await RequireBalanceAsync(gasLimit, maxFee, request.Value, cancellationToken);
        var nonce = await AllocateNonceAsync(request.OperationKey, cancellationToken);
        TransactionAttempt attempt;
        try
        {
            attempt = await SignAsync(nonce, priorityFee, maxFee, gasLimit, request.To, request.Value, request.Data, cancellationToken);
        }
        catch
        {
            await ReleaseNonceAsync(nonce, CancellationToken.None);
            throw;
        }

        return new SentTransaction(_options.ChainId, Sender, nonce, [attempt]);
    }

    /// <summary>Broadcasts the newest attempt. Sending the same raw transaction again is harmless: "already known", or
    /// "nonce too low" while the chain holds one of our attempts, count as sent.</summary>
    /// <remarks>When the node rejects a never-broadcast transaction outright, its nonce is released if nothing was allocated after it.</remarks>
    public async Task<SentTransaction> BroadcastAsync(SentTransaction sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        try
        {
            await _rpc.Eth.Transactions.SendRawTransaction.SendRequestAsync(sent.Latest.Raw.Span.ToArray().ToHex(true)).WaitAsync(cancellationToken);
            LogBroadcast(_logger, sent.Latest.Hash, sent.From, sent.Nonce);
        }
        catch (AlreadyKnownException)
        {
            LogAlreadyKnown(_logger, sent.Latest.Hash);
        }
        catch (NonceTooLowException)
        {
            if (!await ChainHoldsOneOfAsync(sent, cancellationToken))
            {
                throw;
            }

            LogAlreadyKnown(_logger, sent.Latest.Hash);
        }
        catch (EthereumRpcException exception) when (!exception.IsTransient && sent.Attempts.Count == 1)
        {
            await ReleaseNonceAsync(sent.Nonce, cancellationToken);
            throw;
        }

        return sent;
    }

    /// <summary>Checks that the sender can still pay the newest attempt (gas limit × max fee per gas + value) before it is broadcast again.</summary>
    /// <exception cref="InsufficientFundsException">The balance (pending block) is below that cost; nothing was sent.</exception>
    public async Task RequireFundsAsync(SentTransaction sent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sent);
        var transaction = Eip1559Of(sent);
        await RequireBalanceAsync((ulong)transaction.GasLimit.GetValueOrDefault(), transaction.MaxFeePerGas.GetValueOrDefault(), transaction.Amount.GetValueOrDefault(), cancellationToken);
    }

    private async Task EnsureChainAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _chainChecked) == 1)
        {
            return;
        }

        var nodeChainId = (ulong)(await _rpc.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        if (nodeChainId != _options.ChainId)
        {
            throw new InvalidOperationException(
                $"TransactionManagerOptions.ChainId is {_options.ChainId} but the node at {_rpc.Endpoint} is on chain {nodeChainId}. Point EthRpcOptions.Endpoint at the intended chain or fix the chain id; nothing was signed.");
        }

        Volatile.Write(ref _chainChecked, 1);
    }

    private async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken cancellationToken)
    {
        var call = new CallInput { From = Sender.ToString(), To = request.To?.ToString(), Data = request.Data.Span.ToArray().ToHex(true), Value = new HexBigInteger(request.Value) };
        var estimate = (ulong)(await (request.Errors ?? RevertDecoder.BuiltIn).DecodeRevertsAsync(_rpc.Eth.Transactions.EstimateGas.SendRequestAsync(call)).WaitAsync(cancellationToken)).Value;
        return estimate + (estimate * (ulong)_options.GasHeadroomPercent / 100);
    }

    private async Task RequireBalanceAsync(ulong gasLimit, BigInteger maxFee, BigInteger value, CancellationToken cancellationToken)
    {
        var cost = (maxFee * gasLimit) + value;
        var balance = (await _rpc.Eth.GetBalance.SendRequestAsync(Sender.ToString(), BlockParameter.CreatePending()).WaitAsync(cancellationToken)).Value;
        if (balance < cost)
        {
            throw new InsufficientFundsException("eth_getBalance", Sender, balance, cost);
        }
    }

    private async Task<TransactionAttempt> SignAsync(
        ulong nonce, BigInteger priorityFee, BigInteger maxFee, ulong gasLimit, Address? to, BigInteger value, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var transaction = new Transaction1559(_options.ChainId, nonce, priorityFee, maxFee, gasLimit, to?.ToString(), value, data.Span.ToArray().ToHex(true), []);
        var signed = await _signer.SignTransactionAsync(transaction, cancellationToken);
        return new TransactionAttempt(signed.Hash, signed.Raw, maxFee, priorityFee, _time.GetUtcNow());
    }

    private static Transaction1559 Eip1559Of(SentTransaction sent) =>
        RawTransaction.Decode(sent.Latest.Raw.Span).Transaction as Transaction1559
            ?? throw new InvalidOperationException($"Transaction {sent.Latest.Hash} is not an EIP-1559 transaction and cannot be handled by this manager.");

    private async Task<bool> ChainHoldsOneOfAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        foreach (var attempt in sent.Attempts)
        {
            if (await _rpc.Eth.Transactions.GetTransactionByHash.SendRequestAsync(attempt.Hash.ToString()).WaitAsync(cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast transaction {TxHash} from {Sender} at nonce {Nonce}")]
    private static partial void LogBroadcast(ILogger logger, TxHash txHash, Address sender, ulong nonce);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction {TxHash} was already known to the node; counted as sent")]
    private static partial void LogAlreadyKnown(ILogger logger, TxHash txHash);
}
