using System.Security.Cryptography;
using System.Text;
using Mining.Functions.Contributors;

namespace Mining.Functions.Api;

/// <summary>Operator endpoints (operator key, setting <c>Operator__ApiKey</c>): creating contributors.</summary>
internal static class OperatorApi
{
    public static void MapOperatorApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/contributors", CreateAsync).WithTags("Operator").AddEndpointFilter(async (context, next) =>
        {
            var expected = context.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["Operator:ApiKey"];
            var key = ApiAuth.KeyOf(context.HttpContext.Request);
            if (string.IsNullOrEmpty(expected) || key is null
                || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            {
                return Problems.Unauthorized("The operator API key is required (setting Operator__ApiKey).");
            }

            return await next(context);
        });
    }

    private static async Task<IResult> CreateAsync(NewContributor? body, ContributorStore contributors, CancellationToken cancellationToken)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Name) || body.Email is null || !body.Email.Contains('@', StringComparison.Ordinal)
            || !Mining.Ethereum.Address.TryParse(body.RewardAddress, out var address))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "Invalid contributor",
                "Send JSON with name, email (an address with @) and rewardAddress (a 0x-prefixed 20-byte EVM address).");
        }

        var (contributor, apiKey) = await contributors.CreateAsync(body.Name, body.Email, address.ToString(), cancellationToken);
        return Results.Json(new { contributor, apiKey, note = "The API key is shown once; store it now." }, statusCode: StatusCodes.Status201Created);
    }

    private sealed record NewContributor(string? Name, string? Email, string? RewardAddress);
}
