namespace WasmSharp;

/// <summary>
/// A WebAssembly value as .NET sees it: a number (bits), a v128, or a reference (externref: any .NET object;
/// funcref: a <see cref="Function"/>). Null references have a null <see cref="Ref"/>.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    /// <summary>The value type.</summary>
    public ValType Type { get; }
    /// <summary>Raw bits: i32/f32 in the low 32 bits, i64/f64, v128 bytes 0-7.</summary>
    public ulong Bits { get; }
    /// <summary>v128 bytes 8-15.</summary>
    public ulong HighBits { get; }
    /// <summary>The reference (externref: any object; funcref: a <see cref="WasmSharp.Function"/>), or null.</summary>
    public object? Ref { get; }

    /// <summary>A value from raw bits: <paramref name="bits"/> (v128: low half), <paramref name="highBits"/> (v128 high half), <paramref name="reference"/>.</summary>
    public Value(ValType type, ulong bits, ulong highBits = 0, object? reference = null)
    {
        Type = type;
        Bits = bits;
        HighBits = highBits;
        Ref = reference;
    }

    /// <summary>An i32.</summary>
    public static Value I32(int v) => new(ValType.I32, (uint)v);
    /// <summary>An i64.</summary>
    public static Value I64(long v) => new(ValType.I64, (ulong)v);
    /// <summary>An f32.</summary>
    public static Value F32(float v) => new(ValType.F32, BitConverter.SingleToUInt32Bits(v));
    /// <summary>An f64.</summary>
    public static Value F64(double v) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(v));
    /// <summary>An f32 from its bit pattern (keeps NaN payloads).</summary>
    public static Value F32Bits(uint bits) => new(ValType.F32, bits);
    /// <summary>An f64 from its bit pattern (keeps NaN payloads).</summary>
    public static Value F64Bits(ulong bits) => new(ValType.F64, bits);
    /// <summary>A v128 from its two halves.</summary>
    public static Value V128(ulong lo, ulong hi) => new(ValType.V128, lo, hi);
    /// <summary>An externref (null allowed).</summary>
    public static Value ExternRef(object? o) => new(ValType.ExternRef, 0, 0, o);
    /// <summary>A funcref (null allowed).</summary>
    public static Value FuncRef(Function? f) => new(ValType.FuncRef, 0, 0, f);
    /// <summary>The zero value (null for references) of <paramref name="t"/>.</summary>
    public static Value Default(ValType t) => new(t, 0);

    /// <summary>The i32 value.</summary>
    public int AsInt32() => (int)(uint)Bits;
    /// <summary>The i64 value.</summary>
    public long AsInt64() => (long)Bits;
    /// <summary>The f32 value.</summary>
    public float AsSingle() => BitConverter.UInt32BitsToSingle((uint)Bits);
    /// <summary>The f64 value.</summary>
    public double AsDouble() => BitConverter.UInt64BitsToDouble(Bits);
    /// <summary>The funcref value, or null.</summary>
    public Function? AsFunction() => Ref as Function;

    /// <summary>An i32.</summary>
    public static implicit operator Value(int v) => I32(v);
    /// <summary>An i64.</summary>
    public static implicit operator Value(long v) => I64(v);
    /// <summary>An f32.</summary>
    public static implicit operator Value(float v) => F32(v);
    /// <summary>An f64.</summary>
    public static implicit operator Value(double v) => F64(v);

    /// <summary>Same type, bits and reference.</summary>
    public bool Equals(Value other) =>
        Type == other.Type && Bits == other.Bits && HighBits == other.HighBits && Equals(Ref, other.Ref);

    /// <summary>Same type, bits and reference.</summary>
    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    /// <summary>A hash of type, bits and reference.</summary>
    public override int GetHashCode() => HashCode.Combine(Type, Bits, HighBits, Ref);

    /// <summary>The WAT-style form, e.g. <c>i32:42</c>.</summary>
    public override string ToString() => Type switch
    {
        ValType.I32 => $"i32:{AsInt32()}",
        ValType.I64 => $"i64:{AsInt64()}",
        ValType.F32 => $"f32:{AsSingle()}",
        ValType.F64 => $"f64:{AsDouble()}",
        ValType.V128 => $"v128:0x{HighBits:x16}{Bits:x16}",
        _ => Ref is null ? $"{Type.Name()}:null" : $"{Type.Name()}:{Ref}",
    };
}
