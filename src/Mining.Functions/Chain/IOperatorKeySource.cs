using Mining.Ethereum.Signing;

namespace Mining.Functions.Chain;

/// <summary>
/// A key provider a host adds beside the production ones (<c>Keystore</c>, <c>KeyVault</c>, <c>Environment</c>): the
/// local host's <c>DevStack</c> development key. The one whose <see cref="Kind"/> equals <c>KeyProvider__Kind</c> loads
/// the operator signer.
/// </summary>
internal interface IOperatorKeySource
{
    string Kind { get; }

    /// <summary>The operator signer, ready to pay for transactions on <paramref name="chain"/>.</summary>
    Task<PrivateKeySigner> LoadAsync(ChainService chain, CancellationToken cancellationToken);
}
