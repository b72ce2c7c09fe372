using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mining.Functions.Contributors;
using Mining.Functions.Logging;
using Mining.Functions.Notifications;
using Mining.Functions.Options;
using Mining.Functions.Storage;

namespace Mining.Functions.Dashboard;

/// <summary>
/// Single-use dashboard sign-in links sent by email. A contributor enters the email address its account was created with;
/// each contributor registered under it gets a link <c>/dashboard/signin/link/{token}</c> (32 random bytes) that works
/// once, within <see cref="Lifetime"/>. Only the token's SHA-256 is stored (table <c>DashboardSignInLinks</c>); its use is
/// stored, conditional on the row being unchanged since it was read, before the session is granted, so two uses of one
/// link never both succeed. Tokens are never logged (an incoming span keeps only the route template).
/// </summary>
internal sealed class SignInLinks(
    AppStorage storage, ContributorStore contributors, EmailNotifier email, IOptions<ServiceOptions> service, TimeProvider time, ILogger<SignInLinks> logger)
{
    public const string Table = "DashboardSignInLinks";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>At most this many links go out for one address (contributors sharing it) per request.</summary>
    private const int MaxContributorsPerAddress = 5;

    /// <summary>Addresses this process sent links for in the last minute: asking again meanwhile sends nothing more (no mail flood).</summary>
    private readonly Remembered<string> _recent = new(time, TimeSpan.FromMinutes(1), 10_000);

    private volatile bool _created;

    /// <summary>
    /// Emails a link to each contributor registered under <paramref name="address"/>; nothing when there is none, or when
    /// links went to it less than a minute ago. A failure to send is logged, not thrown: the caller answers the same either way.
    /// </summary>
    public async Task SendAsync(string address, CancellationToken cancellationToken)
    {
        var normalized = address.ToLowerInvariant();
        if (_recent.Get(normalized) is not null)
        {
            return;
        }

        _recent.Set(normalized, normalized);
        foreach (var contributor in await contributors.FindByEmailAsync(address, MaxContributorsPerAddress, cancellationToken))
        {
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            var expiresAt = time.GetUtcNow() + Lifetime;
            var table = await TableAsync(cancellationToken);
            await table.AddEntityAsync(new TableEntity(Hash(token), string.Empty) { ["ContributorId"] = contributor.Id, ["ExpiresAt"] = expiresAt }, cancellationToken);
            var link = new Uri(service.Value.PublicBaseUrl!, $"{DashboardEndpoints.Root.TrimStart('/')}/signin/link/{token}");
            try
            {
                await email.SendAsync(contributor.Email, "Your sign-in link to the Mining dashboard", $"""
                    Someone (hopefully you) asked to sign in to the Mining dashboard as {contributor.Name} ({contributor.Id}).

                    Sign in here:
                    {link}

                    The link works once, until {expiresAt:u}. If you did not ask for it, ignore this email: nothing happens without the link.
                    """, cancellationToken);
                Log.SignInLinkSent(logger, contributor.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SignInLinkNotSent(logger, contributor.Id, e.GetType().Name + ": " + e.Message);
            }
        }
    }

    /// <summary>Whether the link can still be used (unknown, used and expired links cannot); changes nothing.</summary>
    public async Task<bool> IsUsableAsync(string token, CancellationToken cancellationToken) => await FindAsync(token, cancellationToken) is not null;

    /// <summary>
    /// Uses the link: the contributor it signs in, or null when it is unknown, expired or already used. The use is stored
    /// (If-Match on the row read) before this returns, so of two uses at the same moment only one gets a contributor.
    /// </summary>
    public async Task<string?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } row)
        {
            return null;
        }

        row["UsedAt"] = time.GetUtcNow();
        try
        {
            await (await TableAsync(cancellationToken)).UpdateEntityAsync(row, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }

        return row.GetString("ContributorId");
    }

    private async Task<TableEntity?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 40 or > 64 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var found = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(Hash(token), string.Empty, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.GetDateTimeOffset("UsedAt") is null && found.Value.GetDateTimeOffset("ExpiresAt") > time.GetUtcNow()
            ? found.Value
            : null;
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        var table = storage.Table(Table);
        if (!_created)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }

        return table;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("dashboard-signin-link\n" + token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
