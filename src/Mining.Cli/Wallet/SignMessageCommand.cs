using System.CommandLine;
using System.Text;
using Mining.Ethereum.Keystore;
using Mining.Ethereum.Signing;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Mining.Cli.Wallet;

/// <summary><c>mining wallet sign-message MESSAGE</c>: an EIP-191 personal_sign signature proving the wallet's ownership.</summary>
internal static class SignMessageCommand
{
    public static Command Create()
    {
        var options = new WalletOptions();
        var message = new Argument<string>("MESSAGE") { Description = "The text to sign, e.g. the registration challenge the service gave you." };
        var command = new Command("sign-message", "Sign a text message (EIP-191 personal_sign) to prove you own the wallet, e.g. when registering it for rewards.")
        {
            message, options.Keystore, options.PassphraseEnv, options.PassphraseKeychain, options.Json,
        };
        command.SetAction((parseResult, cancellationToken) => CliRunner.RunAsync(parseResult.GetValue(options.Json), async () =>
        {
            var json = KeystoreFiles.Read(options.KeystorePath(parseResult));
            var passphrase = await options.Passphrases(parseResult).ExistingAsync(KeystoreV3.ReadAddress(json), cancellationToken);
            using var signer = await Task.Run(() => KeystoreV3.Decrypt(json, passphrase), cancellationToken);
            var text = parseResult.GetValue(message)!;
            var signature = (await PersonalMessage.SignAsync(signer, Encoding.UTF8.GetBytes(text), cancellationToken)).ToHex(true);
            if (!parseResult.GetValue(options.Json))
            {
                Console.Out.WriteLine(signature);
            }

            return new { address = signer.Address.ToString(), message = text, signature };
        }));
        return command;
    }
}
