using System.Runtime.ExceptionServices;

namespace WasmSharp.Cli;

/// <summary>
/// Runs guest code on a thread of its own whose stack fits the engine's Wasm stack budget: the process's main thread
/// has whatever `ulimit -s` gave it (often 8 MiB), so a larger <c>--max-wasm-stack</c> would overflow it and kill
/// the process instead of trapping with "call stack exhausted".
/// </summary>
internal static class GuestThread
{
    /// <summary>Stack beyond the Wasm budget: the frames of the CLI and the runtime above the first Wasm call,
    /// the runtime's reserve below the Wasm frames for host functions and signal delivery (256 KiB), and the JIT
    /// compiling on this thread.</summary>
    private const int HostMargin = 2 << 20;

    public static T Run<T>(EngineConfig config, Func<T> body)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, config.EffectiveWasmStackBytes() + HostMargin)
        {
            Name = "wasm guest",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
