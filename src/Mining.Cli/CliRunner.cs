using System.Text.Json;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Mining.Keychain;

namespace Mining.Cli;

/// <summary>Runs a command's body and turns every failure into a message on stderr and an exit code from <see cref="ExitCodes"/>.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(bool json, Func<Task<object>> body)
    {
        try
        {
            var result = await body();
            var outcome = result as CliOutcome;
            if (json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(outcome?.Value ?? result, JsonOptions));
            }

            if (outcome is not null)
            {
                await Console.Error.WriteLineAsync(outcome.Message);
                return outcome.ExitCode;
            }

            return ExitCodes.Ok;
        }
        catch (Exception e)
        {
            var exitCode = e switch
            {
                CliException cli => cli.ExitCode,
                WrongPassphraseException => ExitCodes.WrongPassphrase,
                KeystoreTamperedException => ExitCodes.KeystoreDamaged,
                PassphraseUnavailableException or KeychainException => ExitCodes.PassphraseUnavailable,
                HttpRequestException => ExitCodes.Unavailable,
                OperationCanceledException => ExitCodes.Failure,
                _ => ExitCodes.Failure,
            };
            var message = exitCode == ExitCodes.Failure && e is not CliException ? $"unexpected failure ({e.GetType().Name}): {e.Message}" : e.Message;
            await Console.Error.WriteLineAsync(json
                ? JsonSerializer.Serialize(new { error = message, exitCode }, JsonOptions)
                : "error: " + message);
            return exitCode;
        }
    }

    private static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}
