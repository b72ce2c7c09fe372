using System.Globalization;
using System.Text.Json;

namespace Mining.Cli.Learnings;

/// <summary>How a learning record (<c>GET /api/learnings/{id}</c>) reads on one line: its stage and what is happening in it.</summary>
internal static class LearningView
{
    /// <summary>Statuses after which nothing happens without the contributor or operator.</summary>
    public static readonly string[] Ended = ["Rewarded", "Rejected", "Expired", "Failed", "DeadLettered", "LocalOnly"];

    public static string Id(JsonElement record) => Text(record, "id") ?? "?";

    public static string Status(JsonElement record) => Text(record, "status") ?? "?";

    public static string Cid(JsonElement record) => Text(record, "cid") ?? "?";

    public static bool HasEnded(JsonElement record) => Ended.Contains(Status(record));

    /// <summary><c>lrn_…  Verifying  verified on 2 gateways; waiting for its batch to close</c>.</summary>
    public static string Line(JsonElement record) => $"{Id(record)}  {Status(record),-16}  {Stage(record)}";

    /// <summary>What the learning's stage means now, from the record's own fields.</summary>
    public static string Stage(JsonElement record)
    {
        var pins = Array(record, "pins");
        var gateways = Array(record, "gateways");
        var verified = gateways.Count(g => Text(g, "outcome") == "Verified");
        var anchor = record.TryGetProperty("anchor", out var a) && a.ValueKind == JsonValueKind.Object ? a : (JsonElement?)null;
        var reason = Text(record, "reason");
        return Status(record) switch
        {
            "LocalOnly" => "kept inside the service (uploads off or local-only): 'mining settings --uploads on', then 'mining publish " + Id(record) + "'",
            "AwaitingApproval" => $"waiting for your decision{Until(record)}: 'mining show {Id(record)}', then 'mining approve {Id(record)}' or 'mining reject {Id(record)}'",
            "Approved" => "approved; publishing starts",
            "Pinning" => $"pinned on {pins.Count(p => p.TryGetProperty("pinned", out var pinned) && pinned.ValueKind == JsonValueKind.True)} of {pins.Count} target(s) so far",
            "Verifying" when anchor is null && verified >= 2 && verified == gateways.Count =>
                $"verified on {verified} gateways; waiting for its batch to close and be anchored",
            "Verifying" => $"verified on {verified} of {gateways.Count} gateway(s) so far",
            "Anchoring" => anchor is { } batch ? $"in batch {Text(batch, "batchId")}{Transaction(batch)}" : "joining a batch",
            "Confirming" => anchor is { } confirming
                ? $"anchor transaction{Transaction(confirming)} in block {Number(confirming, "blockNumber")}: {Number(confirming, "confirmations")} confirmation(s)"
                : "waiting for the anchor's confirmations",
            "Rewarded" => $"reward {Reward(record)}; anchored{(anchor is { } done ? Transaction(done) : string.Empty)}",
            _ => reason ?? string.Empty,
        };
    }

    private static string Until(JsonElement record) =>
        record.TryGetProperty("approvalExpiresAt", out var at) && at.ValueKind == JsonValueKind.String ? $" until {at.GetDateTimeOffset().ToUniversalTime():u}" : string.Empty;

    private static string Transaction(JsonElement anchor) => Text(anchor, "transactionHash") is { } hash ? $" in transaction {hash}" : string.Empty;

    private static string Reward(JsonElement record) =>
        record.TryGetProperty("reward", out var reward) && reward.ValueKind == JsonValueKind.Object
            ? $"{Tokens.Format(Text(reward, "amount"))} ({Text(reward, "state")})"
            : "recorded";

    private static string Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64().ToString(CultureInfo.InvariantCulture) : "?";

    private static List<JsonElement> Array(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
