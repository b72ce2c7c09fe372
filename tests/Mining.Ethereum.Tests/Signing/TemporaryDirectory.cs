namespace Mining.Ethereum.Tests.Signing;

internal sealed class TemporaryDirectory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("key-provider-");

    public string Path => _directory.FullName;

    public void Dispose() => _directory.Delete(recursive: true);
}
