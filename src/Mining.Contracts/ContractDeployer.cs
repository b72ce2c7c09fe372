using System.Numerics;
using Mining.Ethereum;
using Mining.Contracts.Messages;
using Mining.Ethereum.Rpc;
using Mining.Ethereum.Sending;
using Mining.Ethereum.Signing;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Contracts;

/// <summary>Deploys <c>LearningRegistry</c> (which creates its <c>LearningToken</c>) and grants the operator roles.</summary>
/// <remarks>
/// Returns only once every transaction is confirmed under the manager's rules, and checks that the token's minter is the
/// registry and that every operator holds the role, so a returned deployment is usable as is.
/// </remarks>
public static class ContractDeployer
{
    /// <summary>Deploys with a transaction manager the caller configured (nonce store, fee ceiling, confirmations).</summary>
    public static async Task<LearningDeployment> DeployAsync(TransactionManager manager, DeploymentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        options ??= new DeploymentOptions();
        var admin = options.Admin ?? manager.Sender;
        var operators = options.Operators ?? [manager.Sender];
        var firstOperator = operators.Count > 0 ? operators[0] : Address.Zero;

        var deployment = new LearningRegistryDeployment
        {
            Admin = admin.ToString(), Operator = firstOperator.ToString(), TokenName = options.TokenName, TokenSymbol = options.TokenSymbol,
        };
        var code = deployment.CreateTransactionInput().Data.HexToByteArray();

        var sent = await manager.SendAsync(new TransactionRequest(null, code), cancellationToken);
        var (_, receipt) = await manager.WaitForConfirmationAsync(sent, cancellationToken: cancellationToken);
        var registryAddress = receipt.ContractAddress
            is { Length: > 0 } created ? Address.Parse(created.ToLowerInvariant()) : throw new InvalidOperationException($"Deployment transaction {receipt.TransactionHash} has no contract address in its receipt.");

        var registry = new LearningRegistryContract(manager.Rpc, registryAddress);
        foreach (var extra in operators.Skip(1))
        {
            if (admin != manager.Sender)
            {
                throw new InvalidOperationException($"Only the admin {admin} can grant the operator role to {extra}; deploy with the admin key or grant it afterwards.");
            }

            var grant = await manager.SendAsync(registry.GrantRole(LearningRegistryContract.OperatorRole, extra), cancellationToken);
            await manager.WaitForConfirmationAsync(grant, cancellationToken: cancellationToken);
        }

        var tokenAddress = await registry.TokenAsync(cancellationToken);
        var minter = await new LearningTokenContract(manager.Rpc, tokenAddress).MinterAsync(cancellationToken);
        if (minter != registryAddress)
        {
            throw new InvalidOperationException($"The token at {tokenAddress} reports minter {minter}, not the registry {registryAddress}.");
        }

        foreach (var account in operators)
        {
            if (!await registry.HasRoleAsync(LearningRegistryContract.OperatorRole, account, cancellationToken))
            {
                throw new InvalidOperationException($"{account} does not hold OPERATOR_ROLE after deployment.");
            }
        }

        var chainId = (ulong)(await manager.Rpc.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        return new LearningDeployment(chainId, registryAddress, tokenAddress, TxHash.Parse(receipt.TransactionHash), (ulong)receipt.BlockNumber.Value);
    }

    /// <summary>Deploys for a development chain (anvil): one confirmation, in-memory nonces, a generous fee ceiling.</summary>
    public static async Task<LearningDeployment> DeployForDevelopmentAsync(EthRpcClient rpc, ISigner deployer, DeploymentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        var chainId = (ulong)(await rpc.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;
        var manager = new TransactionManager(rpc, deployer, new InMemoryNonceStore(), new TransactionManagerOptions
        {
            ChainId = chainId,
            Confirmations = 1,
            MaxFeePerGasCeiling = new BigInteger(1_000_000_000_000),
            PollInterval = TimeSpan.FromMilliseconds(100),
        });
        return await DeployAsync(manager, options, cancellationToken);
    }
}
