namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>A stress-test thread: runs its body while asked to, with a random source of its own, and records any
/// exception it escapes with instead of dying silently. 16 MiB of stack, for deep Wasm calls.</summary>
internal static class StressThread
{
    public static Thread Start(List<Exception> unexpected, Func<bool> running, Action<Random> body)
    {
        var t = new Thread(() =>
        {
            var r = new Random(Environment.CurrentManagedThreadId);
            try
            {
                while (running()) body(r);
            }
            catch (Exception e)
            {
                lock (unexpected) unexpected.Add(e);
            }
        }, 16 << 20);
        t.Start();
        return t;
    }
}
