namespace WasmSharp.Native.Interop;

/// <summary>
/// The standard API reports failure by NULL or false only; the message of the calling thread's last failure is
/// kept here for <c>wasmsharp_last_error</c>. No exception may cross the C boundary: every entry point catches.
/// </summary>
internal static class Errors
{
    [ThreadStatic] private static string? _last;

    public static string? Last => _last;

    public static void Set(Exception e) => _last = e.Message;

    public static void Set(string message) => _last = message;

    /// <summary>Runs a body that returns a pointer or flag; on failure records why and returns the default.</summary>
    public static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            Set(e);
            return default!;
        }
    }

    public static void Guard(Action body)
    {
        try
        {
            body();
        }
        catch (Exception e)
        {
            Set(e);
        }
    }
}
