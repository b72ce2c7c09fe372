using System.Text;
using System.Text.Json;
using Mining.Cli.Service;
using Mining.Ipfs.UnixFs;

namespace Mining.Cli.Learnings;

/// <summary>
/// A learning's exact public bytes (<c>GET /api/learnings/{id}/document</c>) with its record. The CID is computed here
/// from the bytes (UnixFS, Kubo's CIDv1 profile, as the service and <c>ipfs add --cid-version 1</c> do) and must equal
/// the CID the service names, so what is shown and approved is what the CID publishes.
/// </summary>
internal sealed record PublicDocument(JsonElement Record, byte[] Bytes, string Cid)
{
    public string Id => LearningView.Id(Record);

    public string Text => Encoding.UTF8.GetString(Bytes);

    public static async Task<PublicDocument> ReadAsync(MiningApi api, string id, CancellationToken cancellationToken)
    {
        var record = await LearningPages.OneAsync(api, id, cancellationToken);
        var bytes = (await api.SendAsync(HttpMethod.Get, $"api/learnings/{MiningApi.Segment(id)}/document", cancellationToken)).EnsureSuccess();
        var named = LearningView.Cid(record);
        var computed = UnixFsImporter.ComputeCid(bytes.Body, UnixFsImportOptions.KuboCidV1).ToString();
        if (computed != named || bytes.Header("X-Content-Cid") is { } header && header != named)
        {
            throw new CliException(ExitCodes.VerificationFailed,
                $"The document the service gave for {id} hashes to {computed}, not to the CID it names ({named}): do not approve it; tell the operator.");
        }

        return new PublicDocument(record, bytes.Body, computed);
    }

    /// <summary>The bytes as they are, with the facts a decision rests on around them (to stderr when stdout carries JSON).</summary>
    public void Print(TextWriter writer)
    {
        writer.WriteLine($"Learning {Id}: {LearningView.Text(Record, "title")}");
        writer.WriteLine($"Status   {LearningView.Status(Record)}");
        writer.WriteLine($"CID      {Cid}  (computed here from the {Bytes.Length} bytes below)");
        writer.WriteLine("----- exact public bytes -----");
        writer.WriteLine(Text);
        writer.WriteLine("----- end -----");
    }

    public object ToJson() => new { id = Id, cid = Cid, cidVerified = true, bytes = Bytes.Length, status = LearningView.Status(Record), document = Text };
}
