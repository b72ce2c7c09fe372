using System.Diagnostics;
using Mining.Durable.Backend;

namespace Mining.Durable.TestWorker;

/// <summary>Kills its own process (SIGKILL) right after the Nth episode commit, before the outbox is dispatched.</summary>
internal sealed class CrashAfterCommitStore(IInstanceStore inner, int crashAfter) : IInstanceStore
{
    private int _commits;

    public async Task<string> CommitAsync(EpisodeCommit commit, CancellationToken cancellationToken)
    {
        var etag = await inner.CommitAsync(commit, cancellationToken);
        if (commit.Outbox.Count > 0 && Interlocked.Increment(ref _commits) == crashAfter)
        {
            await Console.Out.WriteLineAsync($"crashing after commit of {commit.Record.InstanceId}");
            await Console.Out.FlushAsync(cancellationToken);
            Process.GetCurrentProcess().Kill();
        }

        return etag;
    }

    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken) => inner.LoadAsync(instanceId, cancellationToken);

    public Task<string?> MarkOutboxDispatchedAsync(InstanceRecord record, string etag, CancellationToken cancellationToken) => inner.MarkOutboxDispatchedAsync(record, etag, cancellationToken);

    public Task<(InstanceRecord Record, string ETag)?> GetAsync(string instanceId, CancellationToken cancellationToken) => inner.GetAsync(instanceId, cancellationToken);

    public Task<string> WriteInstanceAsync(InstanceRecord record, string? expectedETag, CancellationToken cancellationToken) => inner.WriteInstanceAsync(record, expectedETag, cancellationToken);

    public Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);

    public Task DeleteExecutionAsync(string instanceId, string executionId, CancellationToken cancellationToken) => inner.DeleteExecutionAsync(instanceId, executionId, cancellationToken);

    public Task WaitForChangeAsync(TimeSpan maxWait, CancellationToken cancellationToken) => inner.WaitForChangeAsync(maxWait, cancellationToken);
}
