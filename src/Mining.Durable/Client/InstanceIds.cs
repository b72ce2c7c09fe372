namespace Mining.Durable;

/// <summary>Instance ids become table partition keys and blob names, so some characters are not allowed.</summary>
internal static class InstanceIds
{
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' is not valid: use at most 256 characters and none of '/', '\\', '#', '?' or control characters.",
                nameof(instanceId));
        }
    }
}
