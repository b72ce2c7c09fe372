using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mining.Infra.Tests.Arm;

namespace Mining.Infra.Tests;

/// <summary>The Function App's app settings as compiled: the fixed ones by name, and the text of the generated ones.</summary>
internal sealed partial class AppSettings
{
    public AppSettings(CompiledTemplate template)
    {
        Deployment = template.Functions;
        Resource = Deployment.Resources.Single(r => r.Type == "Microsoft.Web/sites/config" && r.Json["name"]!.GetValue<string>().Contains("'appsettings'", StringComparison.Ordinal));
        Expression = Resource.Json["properties"]!.GetValue<string>();
        var used = VariableReference().Matches(Expression).Select(m => m.Groups["name"].Value).ToList();
        Fixed = used.Select(name => Deployment.Variables[name]).OfType<JsonObject>()
            .SelectMany(o => o).ToDictionary(pair => pair.Key, pair => Deployment.ResolveString(pair.Value));
        Text = string.Join("\n", used.Select(name => AsText(Deployment.Variables[name]!)).Prepend(Expression));
    }

    public ArmDeployment Deployment { get; }

    public ArmResource Resource { get; }

    /// <summary>The <c>properties</c> expression of the appsettings resource.</summary>
    public string Expression { get; }

    /// <summary>The settings written as literal keys, each value resolved through parameters and variables.</summary>
    public IReadOnlyDictionary<string, string?> Fixed { get; }

    /// <summary>The expression and every variable it unions, as text: where generated keys (Ipfs__Gateways__{0}) show.</summary>
    public string Text { get; }

    public string this[string name] =>
        Fixed.TryGetValue(name, out var value) ? value! : throw new Xunit.Sdk.XunitException($"The Function App has no app setting {name}.");

    /// <summary>True when a setting of that name is written, literally or by a generated key (<c>Ipfs__Gateways__{0}</c>).</summary>
    public bool Declares(string name) =>
        Fixed.ContainsKey(name) || Text.Contains($"'{GeneratedName(name)}'", StringComparison.Ordinal);

    /// <summary><c>Ipfs__Nodes__0__RpcUrl</c> as a generated key: <c>Ipfs__Nodes__{0}__RpcUrl</c>.</summary>
    public static string GeneratedName(string name) => Index().Replace(name, "__{0}$1");

    private static string AsText(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString(Unescaped);

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [GeneratedRegex(@"variables\('(?<name>\w+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"__\d+(__|$)")]
    private static partial Regex Index();
}
