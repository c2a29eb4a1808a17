namespace CpanelSessionOps.Emulator.Seed;

/// <summary>A seed file or seed object that cannot be used; the message names the entry and the fix.</summary>
public sealed class SeedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SeedException()
    {
    }

    /// <summary>Creates the exception with a message that names the bad entry.</summary>
    public SeedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public SeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
