using System.Globalization;

namespace Mining.DevStack.Components;

/// <summary>maildev: an SMTP server that keeps every message, with a web inbox and a REST API.</summary>
internal sealed class MailDevComponent : IDevComponent
{
    public string Name => "maildev";

    public IReadOnlyDictionary<string, int> DefaultPorts { get; } =
        new Dictionary<string, int> { ["smtp"] = 1025, ["web"] = 1080 };

    public string DescribeHealthCheck(ComponentState state) => $"GET {new Uri(state.Url("web"), "api/healthz")}";

    public ComponentCommand BuildCommand(ComponentContext context) => new(
        context.Tools.Node,
        [
            Path.Combine(context.Tools.NodeModules, "maildev", "dist", "bin", "maildev.js"),
            "--ip", "127.0.0.1", "--web-ip", "127.0.0.1",
            "--smtp", context.Ports["smtp"].ToString(CultureInfo.InvariantCulture),
            "--web", context.Ports["web"].ToString(CultureInfo.InvariantCulture),
            "--mail-directory", context.DataDirectory,
        ]);

    public async Task<bool> IsHealthyAsync(ComponentState state, HttpClient http, CancellationToken cancellationToken) =>
        await HealthProbe.AnswersHttpAsync(http, new Uri(state.Url("web"), "api/healthz"), cancellationToken, requireSuccess: true);
}
