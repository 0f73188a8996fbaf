namespace WasmSharp.Text.Script;

/// <summary>
/// A constant argument in a script. Numbers are kept as raw bits: <see cref="Lo"/> holds i32/i64/f32/f64 bits
/// (f32 in the low 32 bits), v128 uses <see cref="Lo"/> (bytes 0-7) and <see cref="Hi"/> (bytes 8-15), little-endian.
/// References: <see cref="IsNull"/> for <c>ref.null</c>; otherwise an externref carries its host number in <see cref="Lo"/>.
/// </summary>
public readonly record struct ScriptValue(ValType Type, ulong Lo, ulong Hi = 0, bool IsNull = false)
{
    /// <summary>An i32 from its bits.</summary>
    public static ScriptValue I32(uint bits) => new(ValType.I32, bits);
    /// <summary>An i64 from its bits.</summary>
    public static ScriptValue I64(ulong bits) => new(ValType.I64, bits);
    /// <summary>An f32 from its bits.</summary>
    public static ScriptValue F32(uint bits) => new(ValType.F32, bits);
    /// <summary>An f64 from its bits.</summary>
    public static ScriptValue F64(ulong bits) => new(ValType.F64, bits);
    /// <summary>A v128 from its halves.</summary>
    public static ScriptValue V128(ulong lo, ulong hi) => new(ValType.V128, lo, hi);
    /// <summary>A null reference of <paramref name="refType"/>.</summary>
    public static ScriptValue Null(ValType refType) => new(refType, 0, 0, IsNull: true);
    /// <summary><c>(ref.extern N)</c>: host reference number <paramref name="hostNumber"/>.</summary>
    public static ScriptValue Extern(ulong hostNumber) => new(ValType.ExternRef, hostNumber);
}
