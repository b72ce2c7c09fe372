using Microsoft.Extensions.Options;

namespace Mining.Functions.Options;

/// <summary>An options class that lists its own problems, each naming the setting and what a valid value looks like.</summary>
internal interface IValidatedOptions
{
    IEnumerable<string> Validate();
}

internal sealed class ValidatedOptionsValidator<T> : IValidateOptions<T>
    where T : class, IValidatedOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var errors = options.Validate().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal static class ValidatedOptionsExtensions
{
    /// <summary>Binds <typeparamref name="T"/> to a configuration section and validates it when the app starts.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration section)
        where T : class, IValidatedOptions
    {
        services.AddOptions<T>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, ValidatedOptionsValidator<T>>();
        return services;
    }

    /// <summary>How a setting is spelled in local.settings.json Values.</summary>
    public static string Setting(string key) => $"'{key}' (Values: \"{key.Replace(":", "__", StringComparison.Ordinal)}\")";

    public static bool IsHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
