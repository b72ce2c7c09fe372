using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mining.Infra.Tests.Arm;

/// <summary>
/// One template of the compiled main.bicep: the top level or a module (a nested Microsoft.Resources/deployments with
/// an inner-scoped template), with the parameter values its parent passes to it.
/// </summary>
internal sealed partial class ArmDeployment
{
    private readonly JsonObject? _passedParameters;

    public ArmDeployment(string name, JsonObject template, JsonObject? passedParameters, ArmDeployment? parent)
    {
        Name = name;
        Template = template;
        _passedParameters = passedParameters;
        Parent = parent;
    }

    public string Name { get; }

    public JsonObject Template { get; }

    public ArmDeployment? Parent { get; }

    public JsonObject Parameters => Template["parameters"]?.AsObject() ?? [];

    public JsonObject Variables => Template["variables"]?.AsObject() ?? [];

    /// <summary>The resources of this template (not of its modules), with their symbolic names where the template has them.</summary>
    public IEnumerable<ArmResource> Resources => Template["resources"] switch
    {
        JsonObject symbolic => symbolic.Select(pair => new ArmResource(this, pair.Key, pair.Value!.AsObject())),
        JsonArray list => list.Select(node => new ArmResource(this, null, node!.AsObject())),
        _ => [],
    };

    public IEnumerable<ArmDeployment> Modules => Resources
        .Where(r => r.Type == "Microsoft.Resources/deployments")
        .Select(r => new ArmDeployment(
            r.Json["name"]!.GetValue<string>(),
            r.Properties["template"]!.AsObject(),
            r.Properties["parameters"]?.AsObject(),
            this));

    public IEnumerable<ArmDeployment> SelfAndModules => Modules.SelectMany(m => m.SelfAndModules).Prepend(this);

    public ArmDeployment Module(string name) =>
        Modules.SingleOrDefault(m => m.Name == name) ?? throw new InvalidOperationException($"main.bicep has no module deployment named '{name}'.");

    public ArmResource Resource(string type) =>
        Resources.SingleOrDefault(r => r.Type == type) ?? throw new InvalidOperationException($"The '{Name}' template declares no single {type}.");

    /// <summary>
    /// Resolves a plain reference — <c>[parameters('x')]</c>, <c>[variables('x')]</c>, optionally followed by
    /// <c>.property</c> steps — to the value it names: a variable's value, or the value the parent deployment passes
    /// (itself resolved in the parent), or a module parameter's default. Anything else (a function call, a runtime
    /// reference, a parameter of main.bicep, whose value the deployment supplies) comes back unchanged.
    /// </summary>
    public JsonNode? Resolve(JsonNode? value) => ResolveIn(value).Value;

    /// <summary>Resolves like <see cref="Resolve"/> and also says which template the result's own expressions belong to.</summary>
    private (JsonNode? Value, ArmDeployment Owner) ResolveIn(JsonNode? value)
    {
        if (value is not JsonValue text || !text.TryGetValue<string>(out var expression))
        {
            return (value, this);
        }

        var match = PlainReference().Match(expression);
        if (!match.Success)
        {
            return (value, this);
        }

        var name = match.Groups["name"].Value;
        (JsonNode? Value, ArmDeployment Owner) resolved;
        if (match.Groups["kind"].Value == "variables")
        {
            resolved = ResolveIn(Variables[name] ?? throw new InvalidOperationException($"The '{Name}' template has no variable '{name}'."));
        }
        else if (_passedParameters?[name] is JsonObject passed && Parent is not null)
        {
            resolved = Parent.ResolveIn(passed["value"]);
        }
        else if (Parent is not null && Parameters[name] is JsonObject declared && declared["defaultValue"] is { } defaultValue)
        {
            resolved = ResolveIn(defaultValue);
        }
        else
        {
            return (value, this);
        }

        foreach (var step in match.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = resolved.Owner.ResolveIn(resolved.Value?[step]);
        }

        return resolved;
    }

    /// <summary>The resolved value as a string (an unresolvable expression stays an expression).</summary>
    public string? ResolveString(JsonNode? value) => Resolve(value) is JsonValue v && v.TryGetValue<string>(out var s) ? s : Resolve(value)?.ToJsonString();

    [GeneratedRegex(@"^\[(?<kind>parameters|variables)\('(?<name>\w+)'\)(?<path>(\.\w+)*)\]$")]
    private static partial Regex PlainReference();
}
