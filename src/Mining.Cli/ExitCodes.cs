namespace Mining.Cli;

/// <summary>The exit codes of <c>mining</c>; scripts may rely on them (the README lists them).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int WrongPassphrase = 3;
    public const int KeystoreDamaged = 4;

    /// <summary>No keystore, no receipt file, or the service has no such learning, dead letter, API key or contributor (404).</summary>
    public const int NotFound = 5;
    public const int AlreadyExists = 6;
    public const int PassphraseUnavailable = 7;

    /// <summary>A receipt check failed, or the service's document does not hash to the CID it names.</summary>
    public const int VerificationFailed = 8;

    /// <summary>The confirmation prompt was answered no (or not at all): nothing was decided.</summary>
    public const int Declined = 9;

    /// <summary>The service refused the API key (401/403), or none was given.</summary>
    public const int Unauthorized = 10;

    /// <summary>The service refused the input (400, 413, 415, 422): a submission's findings, a bad setting.</summary>
    public const int Invalid = 11;

    /// <summary>The service's state does not allow it (409): already decided, not awaiting approval, deleted dead letter.</summary>
    public const int Conflict = 12;

    /// <summary>The service cannot be reached or failed (connection refused, time-out, 429 after retries, 5xx).</summary>
    public const int Unavailable = 13;

    /// <summary>A watched learning ended without a reward (Rejected, Expired, Failed, DeadLettered) or stays LocalOnly.</summary>
    public const int NotRewarded = 14;

    /// <summary>The claim transaction could not be sent or did not succeed (funds, fees, revert).</summary>
    public const int TransactionFailed = 15;
}
