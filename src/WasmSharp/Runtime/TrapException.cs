namespace WasmSharp;

/// <summary>A WebAssembly trap: execution stopped at a trapping instruction.</summary>
public class TrapException : WasmException
{
    /// <summary>Why the code trapped.</summary>
    public TrapKind Kind { get; }

    /// <summary>The Wasm frames active at the trap, innermost first (function index and name where known).</summary>
    public IReadOnlyList<WasmFrame> WasmStackTrace { get; }

    /// <summary>True when the backtrace holds only the innermost <see cref="Store.MaxBacktraceFrames"/> frames of a
    /// deeper stack.</summary>
    public bool WasmStackTraceCutShort { get; init; }

    /// <summary>A trap of <paramref name="kind"/> with the Wasm frames active at the trap, innermost first.</summary>
    public TrapException(TrapKind kind, IReadOnlyList<WasmFrame>? frames = null)
        : base(Format(kind, frames))
    {
        Kind = kind;
        WasmStackTrace = frames ?? [];
    }

    /// <summary>The message: the trap, then wasmtime's backtrace layout, one numbered line per frame
    /// (<c>   0: 0x1a3 - module!function</c>).</summary>
    private static string Format(TrapKind kind, IReadOnlyList<WasmFrame>? frames)
    {
        if (frames is not { Count: > 0 }) return kind.Message();
        var text = new System.Text.StringBuilder(kind.Message()).AppendLine().Append("wasm backtrace:");
        for (int i = 0; i < frames.Count; i++) text.AppendLine().Append($"{i,4}: {frames[i]}");
        return text.ToString();
    }
}

/// <summary>One frame of a Wasm backtrace.</summary>
public sealed record WasmFrame(string? ModuleName, uint FunctionIndex, string? FunctionName)
{
    /// <summary>Offset in the module's binary of the instruction the frame was at: the trapping instruction in the
    /// innermost frame, the call in its callers. Null when the compiler could not tell (never a guess).</summary>
    public int? ModuleOffset { get; init; }

    /// <summary><see cref="ModuleOffset"/> from the start of the function's body (its local declarations, after the
    /// body's size), as wasmtime counts it; null when the module offset is unknown.</summary>
    public int? FunctionOffset { get; init; }

    /// <summary>The function as text: <c>module!function</c>, or <c>func[N]</c> for a function without a name.</summary>
    public string Name => $"{(ModuleName is null ? "" : ModuleName + "!")}{FunctionName ?? $"func[{FunctionIndex}]"}";

    /// <summary>The frame as wasmtime prints it: <c>0x1a3 - module!function</c>, or only the function when the
    /// offset is unknown.</summary>
    public override string ToString() => ModuleOffset is int offset ? $"0x{offset:x} - {Name}" : Name;
}
