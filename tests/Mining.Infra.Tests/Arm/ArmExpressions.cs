using System.Text.RegularExpressions;

namespace Mining.Infra.Tests.Arm;

/// <summary>Recognises the few ARM expression shapes the assertions need to follow.</summary>
internal static partial class ArmExpressions
{
    /// <summary>True when <paramref name="expression"/> reads output <paramref name="output"/> of main.bicep's module <paramref name="module"/>.</summary>
    public static bool IsModuleOutput(string? expression, string module, string output) =>
        expression is not null
        && Regex.IsMatch(
            expression,
            $@"^\[reference\(.*'Microsoft\.Resources/deployments', '{Regex.Escape(module)}'\), '[^']+'\)\.outputs\.{Regex.Escape(output)}\.value\]$");

    /// <summary>The role definition ids a role assignment grants: a literal id, a variable, or a variable array indexed by copyIndex().</summary>
    public static IReadOnlyList<string> RoleDefinitionIds(ArmResource assignment)
    {
        var expression = assignment.Properties["roleDefinitionId"]!.GetValue<string>();
        var match = RoleDefinitionId().Match(expression);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Role assignment {assignment.Symbol}: roleDefinitionId '{expression}' is not subscriptionResourceId('Microsoft.Authorization/roleDefinitions', …).");
        }

        var argument = match.Groups["argument"].Value;
        if (argument.StartsWith('\''))
        {
            return [argument.Trim('\'')];
        }

        var indexed = IndexedVariable().Match(argument);
        if (indexed.Success)
        {
            var array = assignment.Deployment.Resolve(assignment.Deployment.Variables[indexed.Groups["name"].Value])!.AsArray();
            return array.Select(item => assignment.Deployment.ResolveString(item)!).ToList();
        }

        return [assignment.Deployment.ResolveString($"[{argument}]")!];
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', (?<argument>.+)\)\]$")]
    private static partial Regex RoleDefinitionId();

    [GeneratedRegex(@"^variables\('(?<name>\w+)'\)\[copyIndex\(\)\]$")]
    private static partial Regex IndexedVariable();
}
