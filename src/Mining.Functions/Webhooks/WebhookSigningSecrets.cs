using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Storage;

namespace Mining.Functions.Webhooks;

/// <summary>
/// Each contributor's webhook signing secret (<c>whsec_</c> and 32 random bytes, base64url), shown once when it is
/// made. The service must sign with it, so it cannot keep only a digest: it keeps the secret encrypted with AES-256-GCM
/// under a key derived (HKDF-SHA256) from the approval signing key (<c>Approval__SigningKey</c>, from Key Vault in
/// Azure), bound to the contributor id, in the settings table (row <c>webhook-secret</c>). Reading the table alone does
/// not reveal a secret; where <c>Approval__SigningKey</c> is unset the derived key lives in the same storage account, and
/// the encryption then only keeps secrets out of table exports and listings. A secret is never logged. After a rotation
/// the previous secret keeps signing, beside the new one, for the grace period asked for.
/// </summary>
internal sealed class WebhookSigningSecrets(AppStorage storage, ApprovalKey approvalKey, TimeProvider time)
{
    private const string Row = "webhook-secret";
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(7);
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, approvalKey.Bytes, 32, info: Encoding.UTF8.GetBytes("mining webhook signing secrets v1"));

    private TableClient Table => storage.Table(AppStorage.SettingsTable);

    /// <summary>Whether the contributor has a signing secret.</summary>
    public async Task<bool> ExistsAsync(string contributorId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, Row, ["RowKey"], cancellationToken)).HasValue;

    /// <summary>
    /// Makes a new secret and returns it (the only time it is shown); the previous one, if any, keeps signing until
    /// <paramref name="grace"/> from now. Null when another rotation of the same contributor's secret won the race.
    /// </summary>
    public async Task<(string Secret, DateTimeOffset? PreviousUntil)?> RotateAsync(string contributorId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var secret = WebhookSignature.SecretPrefix + Contributors.ApiKeys.Base64Url(RandomNumberGenerator.GetBytes(32));
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, Row, cancellationToken: cancellationToken);
        var now = time.GetUtcNow();
        var entity = new TableEntity(contributorId, Row) { ["Current"] = Encrypt(contributorId, secret), ["CreatedAt"] = now };
        DateTimeOffset? previousUntil = null;
        if (existing.HasValue && grace > TimeSpan.Zero)
        {
            previousUntil = now + grace;
            entity["Previous"] = existing.Value!.GetString("Current");
            entity["PreviousUntil"] = previousUntil;
        }

        try
        {
            if (existing.HasValue)
            {
                await Table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return null;
        }

        return (secret, previousUntil);
    }

    /// <summary>The secrets that sign a delivery now: the current one and a previous one still in its grace period.</summary>
    public async Task<IReadOnlyList<string>> SigningSecretsAsync(string contributorId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(contributorId, Row, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return [];
        }

        var secrets = new List<string> { Decrypt(contributorId, row.Value!.GetString("Current")) };
        if (row.Value.GetString("Previous") is { } previous && row.Value.GetDateTimeOffset("PreviousUntil") > time.GetUtcNow())
        {
            secrets.Add(Decrypt(contributorId, previous));
        }

        return secrets;
    }

    private string Encrypt(string contributorId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), Encoding.UTF8.GetBytes(contributorId));
        return "v1." + Convert.ToBase64String(sealedBytes);
    }

    private string Decrypt(string contributorId, string stored)
    {
        if (!stored.StartsWith("v1.", StringComparison.Ordinal))
        {
            throw new CryptographicException($"The webhook signing secret of {contributorId} is stored in an unknown format; rotate it with POST /api/settings/webhook-secret.");
        }

        var sealedBytes = Convert.FromBase64String(stored[3..]);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Encoding.UTF8.GetBytes(contributorId));
        return Encoding.UTF8.GetString(plain);
    }
}
