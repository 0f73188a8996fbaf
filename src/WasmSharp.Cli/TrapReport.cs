namespace WasmSharp.Cli;

/// <summary>What <c>run</c> prints for a trap: one error line, then the Wasm backtrace as wasmtime prints it (frame
/// number, the module offset of the frame's instruction when known, <c>module!function</c>), with runs of the same
/// frame (deep recursion) folded into one line.</summary>
internal static class TrapReport
{
    public static void Print(string file, TrapException trap, EngineConfig config, string? limitHint = null)
    {
        string hint = trap.Kind == TrapKind.CallStackExhausted
            ? $" (the budget is {ByteSize.Format(config.MaxWasmStackBytes)}: raise it with --max-wasm-stack)"
            : limitHint ?? "";
        Console.Error.WriteLine($"error: {file}: wasm trap: {trap.Kind.Message()}{hint}");
        var frames = trap.WasmStackTrace;
        if (frames.Count > 0) Console.Error.WriteLine("wasm backtrace:");
        for (int i = 0; i < frames.Count;)
        {
            int run = 1;
            while (i + run < frames.Count && frames[i + run] == frames[i]) run++;
            Console.Error.WriteLine(run == 1 ? $"{i,4}: {frames[i]}" : $"{i,4}: {frames[i]} ({run} times)");
            i += run;
        }
        if (trap.WasmStackTraceCutShort) Console.Error.WriteLine($"    ... (backtrace cut short: the innermost {Store.MaxBacktraceFrames} frames)");
    }
}
