namespace WasmSharp.Cil.Tests.FuzzExec;

/// <summary>One line of a <c>wasm-opt --fuzz-exec-before</c> transcript: a call, a logged value, a result, a trap.</summary>
public abstract record FuzzExecEntry
{
    public sealed record Calling(string Export) : FuzzExecEntry;

    /// <summary>A value passed to a <c>fuzzing-support.log-*</c> import, as text (binaryen's) or typed (ours).</summary>
    public sealed record Logged(string? Text, Value? Value = null) : FuzzExecEntry;

    public sealed record Result(string Export, IReadOnlyList<string>? Texts, IReadOnlyList<Value>? Values = null) : FuzzExecEntry;

    public sealed record Trap : FuzzExecEntry;
}
