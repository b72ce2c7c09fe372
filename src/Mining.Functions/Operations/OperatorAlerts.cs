using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Mining.Functions.Logging;
using Mining.Functions.Notifications;
using Mining.Functions.Storage;

namespace Mining.Functions.Operations;

/// <summary>An alert for the operator: <see cref="Key"/> names the incident, so it is sent once however often it is raised.</summary>
public sealed record OperatorAlert(string Key, string Subject, string Body);

/// <summary>A sent (or being sent) alert, as <c>GET /api/alerts</c> shows it.</summary>
public sealed record AlertRecord(string Key, string Subject, string Body, DateTimeOffset RaisedAt, DateTimeOffset? SentAt, IReadOnlyList<string> Channels);

/// <summary>
/// Alerts the operator on the operator channel — email to <c>Operator__Email</c> and/or a JSON POST to
/// <c>Operator__WebhookUrl</c> — once per incident key: the key is claimed in a table before sending and marked sent
/// after, so activity retries and repeated checks never send it again (a crash between the two sends it once more).
/// </summary>
internal sealed class OperatorAlerts(
    AppStorage storage, EmailNotifier email, IHttpClientFactory http, IConfiguration configuration, TimeProvider time, ILogger<OperatorAlerts> logger)
{
    private const string Partition = "alert";

    private TableClient Table => storage.Table(AppStorage.AlertsTable);

    /// <summary>Sends <paramref name="alert"/> unless an alert with its key was sent already; true when it was sent now.</summary>
    public async Task<bool> SendOnceAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        var rowKey = RowKeyOf(alert.Key);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value!.GetDateTimeOffset("SentAt") is not null)
        {
            return false;
        }

        if (!row.HasValue)
        {
            try
            {
                await Table.AddEntityAsync(new TableEntity(Partition, rowKey)
                {
                    ["Key"] = alert.Key, ["Subject"] = alert.Subject, ["Body"] = alert.Body, ["RaisedAt"] = time.GetUtcNow(),
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Raised concurrently by another worker: it sends it.
                return false;
            }
        }

        var channels = await SendAsync(alert, cancellationToken);
        await Table.UpdateEntityAsync(
            new TableEntity(Partition, rowKey) { ["SentAt"] = time.GetUtcNow(), ["Channels"] = string.Join(",", channels) },
            ETag.All, TableUpdateMode.Merge, cancellationToken);
        Log.OperatorAlerted(logger, alert.Key, alert.Subject, channels.Count == 0 ? "the log only" : string.Join(" and ", channels));
        return true;
    }

    /// <summary>Every alert raised, newest first.</summary>
    public async Task<IReadOnlyList<AlertRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var alerts = new List<AlertRecord>();
        await foreach (var row in Table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            alerts.Add(new AlertRecord(
                row.GetString("Key"), row.GetString("Subject"), row.GetString("Body"), row.GetDateTimeOffset("RaisedAt")!.Value,
                row.GetDateTimeOffset("SentAt"), row.GetString("Channels") is { Length: > 0 } c ? c.Split(',') : []));
        }

        return [.. alerts.OrderByDescending(a => a.RaisedAt)];
    }

    private async Task<List<string>> SendAsync(OperatorAlert alert, CancellationToken cancellationToken)
    {
        var channels = new List<string>();
        if (configuration["Operator:Email"] is { Length: > 0 } to)
        {
            await email.SendAsync(to, "[Mining.Functions] " + alert.Subject, alert.Body, cancellationToken);
            channels.Add("email");
        }

        if (configuration["Operator:WebhookUrl"] is { Length: > 0 } url)
        {
            using var client = http.CreateClient("webhook");
            using var response = await client.PostAsJsonAsync(new Uri(url), new { alert.Key, alert.Subject, alert.Body }, cancellationToken);
            response.EnsureSuccessStatusCode();
            channels.Add("webhook");
        }

        return channels;
    }

    private static string RowKeyOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
