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

    private static string Format(TrapKind kind, IReadOnlyList<WasmFrame>? frames)
    {
        if (frames is not { Count: > 0 }) return kind.Message();
        return kind.Message() + Environment.NewLine + string.Join(Environment.NewLine, frames.Select(f => "    at " + f));
    }
}

/// <summary>One frame of a Wasm backtrace.</summary>
public sealed record WasmFrame(string? ModuleName, uint FunctionIndex, string? FunctionName)
{
    /// <summary>The frame as text: <c>module!function</c>, or <c>func[N]</c> for a function without a name.</summary>
    public override string ToString() =>
        $"{(ModuleName is null ? "" : ModuleName + "!")}{FunctionName ?? $"func[{FunctionIndex}]"}";
}
