using System.Text.Json;
using System.Text.Json.Serialization;
using Mining.Functions.Http;

namespace Mining.Functions.Credentials;

/// <summary>
/// The optional body of a rotation, <c>{"gracePeriod": "01:00:00"}</c>: how long the replaced key or secret keeps
/// working. No body means <see cref="Default"/>; a value outside 00:00:00 to the maximum, or anything else, is refused.
/// </summary>
internal static class GracePeriod
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The grace period asked for, or the problem document that says what is wrong with the body.</summary>
    public static async Task<(TimeSpan Grace, IResult? Problem)> ReadAsync(HttpRequest request, TimeSpan max, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(request, 4096, cancellationToken);
        if (body is null)
        {
            return (default, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", Usage(max)));
        }

        if (body.Length == 0)
        {
            return (Default, null);
        }

        RotationBody? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<RotationBody>(body, Json);
        }
        catch (JsonException)
        {
            return (default, Problems.BadRequest(Usage(max)));
        }

        var grace = parsed?.GracePeriod ?? Default;
        return grace < TimeSpan.Zero || grace > max
            ? (default, Problems.Create(StatusCodes.Status422UnprocessableEntity, "Invalid grace period", Usage(max)))
            : (grace, null);
    }

    private static string Usage(TimeSpan max) =>
        $"Send no body (grace period {Default:c}) or {{\"gracePeriod\": \"01:00:00\"}} with a grace period between 00:00:00 (the old one stops at once) and {max:c}.";

    private sealed record RotationBody(TimeSpan? GracePeriod);
}
