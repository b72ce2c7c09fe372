
namespace Mining.Functions.Storage;

/// <summary>
/// The HMAC key of approval links (and of list continuation tokens): <c>Approval__SigningKey</c> (base64, at least 32 bytes; from Key Vault in Azure),
/// or, when unset, a random key generated once and kept in the service's storage account so links survive restarts.
/// </summary>
internal sealed class ApprovalKey(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public static ApprovalKey Load(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Approval:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? new ApprovalKey(key) : throw new InvalidOperationException("Approval__SigningKey must be base64 of at least 32 random bytes.");
        }

        var state = services.GetRequiredService<ServiceStateStore>();
        var stored = state.GetOrAddAsync("approval-signing-key", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), CancellationToken.None)
            .GetAwaiter().GetResult();
        return new ApprovalKey(Convert.FromBase64String(stored));
    }
}
