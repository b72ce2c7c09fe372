using Mining.Ethereum;
using Mining.Ethereum.Keystore;

namespace Mining.Cli.Wallet;

/// <summary>Reads and writes keystore files: new files are created with mode 0600 (directories 0700) and never overwrite anything.</summary>
internal static class KeystoreFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    public static string Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, $"No keystore at '{path}': create one with 'mining wallet create', import one with 'mining wallet import FILE', or pass --keystore.");
        }

        var json = File.ReadAllText(path);
        KeystoreV3.Validate(json);
        return json;
    }

    public static Address? DeclaredAddress(string json) => KeystoreV3.ReadAddress(json);

    /// <summary>Writes a new file; refuses if anything exists at <paramref name="path"/>.</summary>
    public static void CreateNew(string path, string json)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using var stream = new FileStream(path, options);
            using var writer = new StreamWriter(stream);
            writer.Write(json);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            throw new CliException(ExitCodes.AlreadyExists, $"'{path}' already exists and is never overwritten: choose another path or move the existing file away first.");
        }
    }

    /// <summary>Replaces an existing file atomically (write a new 0600 file next to it, then rename over it).</summary>
    public static void Replace(string path, string json)
    {
        var temporary = path + ".new-" + Guid.NewGuid().ToString("N")[..8];
        CreateNew(temporary, json);
        File.Move(temporary, path, overwrite: true);
    }
}
