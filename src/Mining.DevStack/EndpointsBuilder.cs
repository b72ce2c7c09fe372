using Mining.DevStack.Components;

namespace Mining.DevStack;

/// <summary>Derives the stack's endpoints from the running components.</summary>
internal static class EndpointsBuilder
{
    public static DevStackEndpoints Build(IReadOnlyDictionary<string, ComponentState> running)
    {
        var azurite = running["azurite"];
        var blob = new Uri(azurite.Url("blob"), "devstoreaccount1");
        var queue = new Uri(azurite.Url("queue"), "devstoreaccount1");
        var table = new Uri(azurite.Url("table"), "devstoreaccount1");
        var maildev = running["maildev"];
        return new DevStackEndpoints
        {
            AzuriteConnectionString =
                $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevStackEndpoints.AzuriteAccountKey};"
                + $"BlobEndpoint={blob};QueueEndpoint={queue};TableEndpoint={table};",
            BlobEndpoint = blob,
            QueueEndpoint = queue,
            TableEndpoint = table,
            AnvilRpcUrl = running["anvil"].Url("rpc"),
            ChainId = AnvilComponent.ChainId,
            SmtpHost = "127.0.0.1",
            SmtpPort = maildev.Ports["smtp"],
            MailDevApiUrl = maildev.Url("web"),
            IpfsNodes = IpfsNodeComponent.EndpointsOf(running),
        };
    }
}
