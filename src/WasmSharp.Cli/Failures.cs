namespace WasmSharp.Cli;

/// <summary>The one-line description of a failure that <c>error: ...</c> prints: the exception's own message, which
/// the runtime words for users, with the kind of failure where the message alone would not say it.</summary>
internal static class Failures
{
    public static string Describe(Exception e) => e switch
    {
        MalformedModuleException m => $"malformed: {m.Message}",
        InvalidModuleException i => $"invalid: {i.Message}",
        OutOfMemoryException => $"out of memory: {e.Message}",
        _ => e.Message,
    };
}
