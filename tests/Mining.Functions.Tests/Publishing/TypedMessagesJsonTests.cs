using System.Text.Json;
using System.Text.Json.Nodes;
using Mining.Functions.Batches;
using Mining.Functions.Learnings;

namespace Mining.Functions.Tests.Publishing;

/// <summary>
/// Messages and records carry CIDs, hashes and transaction hashes as types, in the same text form as the strings they
/// replaced: JSON written before (durable history, table records, HTTP answers) reads back and writes out unchanged.
/// </summary>
public sealed class TypedMessagesJsonTests
{
    private static readonly JsonSerializerOptions Durable = new(JsonSerializerDefaults.Web);

    private const string Cid = "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq";
    private const string Root = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string Leaf = "0x2222222222222222222222222222222222222222222222222222222222222222";
    private const string Tx = "0x3333333333333333333333333333333333333333333333333333333333333333";

    [Fact]
    public void A_prepared_batch_stored_as_strings_reads_back_typed_and_writes_the_same_text()
    {
        var stored = $$"""{"batchId":"b1","root":"{{Root}}","rewardsRoot":"{{Leaf}}","manifestCid":"{{Cid}}","leaves":[{"learningId":"l1","cid":"{{Cid}}","leaf":"{{Leaf}}","proof":["{{Root}}"]}],"manifestDigest":"{{Tx}}"}""";

        var batch = JsonSerializer.Deserialize<PreparedBatch>(stored, Durable)!;

        Assert.Equal(Root, batch.Root.ToString());
        Assert.Equal(Cid, batch.Leaves[0].Cid.ToString());
        Assert.Equal(Root, Assert.Single(batch.Leaves[0].Proof).ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(JsonSerializer.Serialize(batch, Durable))));
    }

    [Fact]
    public void An_empty_batch_stored_with_empty_strings_reads_back()
    {
        var stored = """{"batchId":"b0","root":"","rewardsRoot":"","manifestCid":"","leaves":[],"manifestDigest":""}""";

        var batch = JsonSerializer.Deserialize<PreparedBatch>(stored, Durable)!;

        Assert.True(batch.Root.IsZero);
        Assert.True(batch.ManifestCid.IsDefault);
        Assert.Equal("", JsonNode.Parse(JsonSerializer.Serialize(batch, Durable))!["manifestCid"]!.GetValue<string>());
    }

    [Fact]
    public void A_learning_record_with_its_anchor_keeps_its_json()
    {
        var stored = $$"""{"id":"lrn_1","contributorId":"ctb_1","cid":"{{Cid}}","title":"t","inputDigest":"sha256:x","status":"Rewarded","createdAt":"2026-01-01T00:00:00+00:00","updatedAt":"2026-01-01T00:00:00+00:00","documentBytes":1,"approvalExpiresAt":null,"notifiedAt":null,"webhook":null,"reason":null,"pins":[],"gateways":[],"anchor":{"batchId":"b1","root":"{{Root}}","leaf":"{{Leaf}}","proof":[],"transactionHash":"{{Tx}}","blockNumber":7,"blockHash":null,"confirmations":2},"reward":null,"availability":null,"redactions":[],"batchClosesAt":null}""";

        var record = JsonSerializer.Deserialize<LearningRecord>(stored, LearningStore.Json)!;

        Assert.Equal(Cid, record.Cid.ToString());
        Assert.Equal(Tx, record.Anchor!.TransactionHash.ToString());
        Assert.Null(record.Anchor.BlockHash);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(JsonSerializer.Serialize(record, LearningStore.Json))));
    }

    [Fact]
    public void A_publish_input_in_durable_history_reads_back_and_a_bad_cid_is_refused()
    {
        var input = JsonSerializer.Deserialize<PublishInput>($$"""{"learningId":"l1","contributorId":"c1","cid":"{{Cid}}","approvalTimeout":"1.00:00:00"}""", Durable)!;

        Assert.Equal(Cid, input.Cid.ToString());
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PublishInput>("""{"learningId":"l1","contributorId":"c1","cid":"bafk","approvalTimeout":"1.00:00:00"}""", Durable));
    }
}
