namespace WasmSharp.Text.Script;

/// <summary>The NaN a float result must be.</summary>
public enum NanPattern : byte
{
    /// <summary>Not a NaN pattern: exact bits.</summary>
    None,
    /// <summary><c>nan:canonical</c>.</summary>
    Canonical,
    /// <summary><c>nan:arithmetic</c>.</summary>
    Arithmetic,
}

/// <summary>
/// An expected result. For numbers: exact <see cref="ScriptValue"/> bits, or a NaN pattern for f32/f64.
/// For v128: <see cref="LaneType"/> (i8..f64) and one <see cref="Lanes"/> entry per lane, where float lanes may be NaN patterns.
/// For references: <see cref="Value"/> with IsNull, an externref number, or <see cref="AnyFuncRef"/> (<c>(ref.func)</c>).
/// </summary>
public sealed record ExpectedValue(ValType Type, ScriptValue Value, NanPattern Nan = NanPattern.None,
    ValType? LaneType = null, ExpectedLane[]? Lanes = null, bool AnyFuncRef = false)
{
    /// <summary>Exactly <paramref name="v"/>.</summary>
    public static ExpectedValue Exact(ScriptValue v) => new(v.Type, v);
    /// <summary>A NaN of <paramref name="t"/> matching <paramref name="p"/>.</summary>
    public static ExpectedValue NanOf(ValType t, NanPattern p) => new(t, default, p);
    /// <summary>Only the type is known (the result of an <c>assert_trap</c> or a bare action).</summary>
    public static ExpectedValue TypeOnly(ValType t) => new(t, new ScriptValue(t, 0));
}

/// <summary>One lane of an expected v128: raw lane bits (unsigned, at lane width) or a NaN pattern.</summary>
public readonly record struct ExpectedLane(ulong Bits, NanPattern Nan = NanPattern.None);
