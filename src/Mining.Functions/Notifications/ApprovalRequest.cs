using Mining.Ipfs.Multiformats;

namespace Mining.Functions.Notifications;

/// <summary>What a contributor is asked to decide.</summary>
/// <param name="LearningId">The learning.</param>
/// <param name="Title">Its title, to recognise it.</param>
/// <param name="Cid">The CID of the exact bytes that would be published.</param>
/// <param name="ApprovalUrl">The approval page (carries a secret token: never log it).</param>
/// <param name="ExpiresAt">No decision by then means nothing is published.</param>
public sealed record ApprovalRequest(string LearningId, string Title, Cid Cid, Uri ApprovalUrl, DateTimeOffset ExpiresAt);
