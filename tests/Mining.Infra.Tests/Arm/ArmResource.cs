using System.Text.Json.Nodes;

namespace Mining.Infra.Tests.Arm;

/// <summary>A resource declared in one template of the compiled deployment.</summary>
internal sealed record ArmResource(ArmDeployment Deployment, string? Symbol, JsonObject Json)
{
    public string Type => Json["type"]!.GetValue<string>();

    public JsonObject Properties => Json["properties"] as JsonObject ?? [];

    /// <summary>The property at a dotted path under <c>properties</c>, resolved through parameters and variables.</summary>
    public JsonNode? Property(string path)
    {
        JsonNode? node = Properties;
        foreach (var step in path.Split('.'))
        {
            node = Deployment.Resolve(node?[step]);
        }

        return node;
    }
}
