namespace WasmSharp.Cli;

/// <summary>The one-line description of a failure that <c>error: ...</c> prints: the exception's own message, which
/// the runtime words for users, with the kind of failure where the message alone would not say it.</summary>
internal static class Failures
{
    /// <summary>Prints the <c>error:</c> line for <paramref name="e"/> (after <paramref name="where"/>, e.g. the
    /// module file) and returns its exit code: <see cref="ExitCodes.Usage"/> for a mistake on the command line,
    /// else <see cref="ExitCodes.Error"/>.</summary>
    public static int Report(Exception e, string? where = null)
    {
        Console.Error.WriteLine(where is null ? $"error: {Describe(e)}" : $"error: {where}: {Describe(e)}");
        return e is UsageException ? ExitCodes.Usage : ExitCodes.Error;
    }

    public static string Describe(Exception e) => e switch
    {
        MalformedModuleException m => $"malformed: {m.Message}",
        InvalidModuleException i => $"invalid: {i.Message}",
        OutOfMemoryException => $"out of memory: {e.Message}",
        _ => e.Message,
    };
}
