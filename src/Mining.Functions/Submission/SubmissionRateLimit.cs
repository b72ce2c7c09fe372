using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Mining.Functions.Http;

namespace Mining.Functions.Submission;

/// <summary>
/// Per-key rate limit on submissions (<c>Limits__SubmissionsPerMinute</c>, default 120): over it, 429 with
/// Retry-After and a problem document. Keys are partitioned by their hash, never kept in memory as they are.
/// </summary>
internal static class SubmissionRateLimit
{
    public const string Policy = "submissions";

    public static IServiceCollection AddSubmissionRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Limits:SubmissionsPerMinute", 120);
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ApiAuth.KeyOf(context.Request) ?? string.Empty)))[..16],
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Problems.Create(StatusCodes.Status429TooManyRequests, "Too many submissions",
                    $"This key may submit {perMinute} learnings a minute. Wait {seconds} s (Retry-After) and submit again.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }
}
