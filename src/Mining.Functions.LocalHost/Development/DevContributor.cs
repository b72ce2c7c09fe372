using Mining.Ethereum.Signing;
using Mining.Functions.Contributors;
using Mining.Functions.Logging;
using Mining.Functions.Storage;

namespace Mining.Functions.LocalHost.Development;

/// <summary>
/// Development only: a default contributor whose wallet key and API key live in the local storage account, so the
/// README's sample requests and the demo work on a fresh machine. Its API key is printed (a development key).
/// </summary>
internal sealed class DevContributor(ServiceStateStore state, ContributorStore contributors, ILogger<DevContributor> logger)
{
    public const string Id = "ctb_dev";
    public const string WalletState = "dev-contributor-wallet";
    public const string ApiKeyState = "dev-contributor-api-key";

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var walletKey = await state.GetOrAddAsync(
            WalletState, Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), cancellationToken);
        var apiKey = await state.GetOrAddAsync(ApiKeyState, ApiKeys.Generate(), cancellationToken);
        using var wallet = PrivateKeySigner.FromHex(walletKey);
        if (await contributors.FindAsync(Id, cancellationToken) is null)
        {
            await contributors.CreateAsync("Development contributor", "dev@mining.local", wallet.Address.ToString(), cancellationToken, Id, apiKey);
        }

        Console.WriteLine($"Development contributor {Id} (reward address {wallet.Address}); API key: {apiKey}");
        Log.DevContributorReady(logger, Id);
    }
}
