namespace Mining.Cli;

/// <summary>The exit codes of <c>mining</c>; scripts may rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int WrongPassphrase = 3;
    public const int KeystoreDamaged = 4;
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PassphraseUnavailable = 7;
    public const int VerificationFailed = 8;
}
