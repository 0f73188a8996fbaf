namespace WasmSharp.Text.Script;

public enum NanPattern : byte { None, Canonical, Arithmetic }

/// <summary>
/// An expected result. For numbers: exact <see cref="ScriptValue"/> bits, or a NaN pattern for f32/f64.
/// For v128: <see cref="LaneType"/> (i8..f64) and one <see cref="Lanes"/> entry per lane, where float lanes may be NaN patterns.
/// For references: <see cref="Value"/> with IsNull, an externref number, or <see cref="AnyFuncRef"/> (<c>(ref.func)</c>).
/// </summary>
public sealed record ExpectedValue(ValType Type, ScriptValue Value, NanPattern Nan = NanPattern.None,
    ValType? LaneType = null, ExpectedLane[]? Lanes = null, bool AnyFuncRef = false)
{
    public static ExpectedValue Exact(ScriptValue v) => new(v.Type, v);
    public static ExpectedValue NanOf(ValType t, NanPattern p) => new(t, default, p);
    /// <summary>Only the type is known (the result of an <c>assert_trap</c> or a bare action).</summary>
    public static ExpectedValue TypeOnly(ValType t) => new(t, new ScriptValue(t, 0));
}

/// <summary>One lane of an expected v128: raw lane bits (unsigned, at lane width) or a NaN pattern.</summary>
public readonly record struct ExpectedLane(ulong Bits, NanPattern Nan = NanPattern.None);
