namespace Mining.DevStack.Components;

/// <summary>Azurite: blob, queue and table emulators with disk persistence in the component's data folder.</summary>
internal sealed class AzuriteComponent : IDevComponent
{
    public string Name => "azurite";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } =
        new Dictionary<string, int> { ["blob"] = 10000, ["queue"] = 10001, ["table"] = 10002 };

    public string DescribeHealthCheck(ComponentState state) =>
        $"an HTTP answer from the blob, queue and table services on ports {state.Ports["blob"]}, {state.Ports["queue"]}, {state.Ports["table"]}";

    public ComponentCommand BuildCommand(ComponentContext context) => new(
        context.Tools.Node,
        [
            Path.Combine(context.Tools.NodeModules, "azurite", "dist", "src", "azurite.js"),
            "--location", context.DataDirectory,
            "--blobHost", "127.0.0.1", "--blobPort", Port(context, "blob"),
            "--queueHost", "127.0.0.1", "--queuePort", Port(context, "queue"),
            "--tableHost", "127.0.0.1", "--tablePort", Port(context, "table"),
            "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        ]);

    public async Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken)
    {
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            if (!await HealthProbe.AnswersHttpAsync(http, new Uri(state.Url(service), "devstoreaccount1"), cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static string Port(ComponentContext context, string name) =>
        context.Ports[name].ToString(System.Globalization.CultureInfo.InvariantCulture);
}
