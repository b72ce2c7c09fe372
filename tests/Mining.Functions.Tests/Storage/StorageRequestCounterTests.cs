using Azure.Data.Tables;
using Mining.DevStack;
using Mining.Functions.Storage;
using Mining.Testing;

namespace Mining.Functions.Tests.Storage;

/// <summary>
/// The app's storage clients count their requests against real Azurite; a <see cref="FaultProxy"/> in front of the table
/// service answers 429 so the Azure SDK retries.
/// </summary>
[Collection("DevStack")]
public sealed class StorageRequestCounterTests(DevStackFixture stack)
{
    [Fact]
    public async Task Every_table_and_blob_request_counts_once_under_its_service()
    {
        var counter = new StorageRequestCounter(TimeProvider.System);
        var storage = new AppStorage(stack.Endpoints.AzuriteConnectionString, counter);

        await storage.Table(AppStorage.ServiceStateTable).GetEntityIfExistsAsync<TableEntity>("counter-test", Guid.NewGuid().ToString("N"));
        await storage.Table(AppStorage.ServiceStateTable).GetEntityIfExistsAsync<TableEntity>("counter-test", Guid.NewGuid().ToString("N"));
        await storage.Container(AppStorage.DocumentsContainer).GetBlobClient(Guid.NewGuid().ToString("N")).ExistsAsync();

        Assert.Equal(2, counter.Table);
        Assert.Equal(1, counter.Blob);
        Assert.Equal(3, counter.Total);
    }

    [Fact]
    public async Task A_request_the_sdk_retries_counts_once_per_attempt()
    {
        await using var proxy = FaultProxy.Start(stack.Endpoints.TableEndpoint);
        proxy.RetryAfterSeconds = 0;
        proxy.Set(FaultMode.RateLimited);
        var counter = new StorageRequestCounter(TimeProvider.System);
        var storage = new AppStorage(ThroughProxy(stack.Endpoints, proxy.Url), counter);

        Assert.False(await storage.IsReachableAsync(CancellationToken.None));

        Assert.True(proxy.RateLimitedAnswers > 1, $"the SDK did not retry: {proxy.RateLimitedAnswers} answers");
        Assert.Equal(proxy.RateLimitedAnswers, counter.Table);
        Assert.Equal(0, counter.Blob);

        proxy.Set(FaultMode.Pass);
        var attempts = counter.Table;
        Assert.True(await storage.IsReachableAsync(CancellationToken.None));
        Assert.Equal(attempts + 1, counter.Table);
    }

    private static string ThroughProxy(DevStackEndpoints endpoints, Uri table) =>
        endpoints.AzuriteConnectionString.Replace($"TableEndpoint={endpoints.TableEndpoint}", $"TableEndpoint={table}", StringComparison.Ordinal);
}
