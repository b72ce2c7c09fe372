using Mining.Functions.Storage;

namespace Mining.Functions.Approvals;

/// <summary>
/// The HMAC key of approval tokens: <c>Approval__SigningKey</c> (base64, at least 32 bytes; from Key Vault in Azure),
/// or, when unset, a random key generated once and kept in the service's storage account so links survive restarts.
/// </summary>
internal static class ApprovalKey
{
    public static byte[] Load(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Approval:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? key : throw new InvalidOperationException("Approval__SigningKey must be base64 of at least 32 random bytes.");
        }

        var state = services.GetRequiredService<ServiceStateStore>();
        var stored = state.GetOrAddAsync("approval-signing-key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), CancellationToken.None)
            .GetAwaiter().GetResult();
        return Convert.FromBase64String(stored);
    }
}
