namespace WasmSharp;

/// <summary>
/// A WebAssembly value as .NET sees it: a number (bits), a v128, or a reference (externref: any .NET object;
/// funcref: a <see cref="Function"/>). Null references have a null <see cref="Ref"/>.
/// </summary>
public readonly struct Value : IEquatable<Value>
{
    public ValType Type { get; }
    /// <summary>Raw bits: i32/f32 in the low 32 bits, i64/f64, v128 bytes 0-7.</summary>
    public ulong Bits { get; }
    /// <summary>v128 bytes 8-15.</summary>
    public ulong HighBits { get; }
    public object? Ref { get; }

    public Value(ValType type, ulong bits, ulong highBits = 0, object? reference = null)
    {
        Type = type;
        Bits = bits;
        HighBits = highBits;
        Ref = reference;
    }

    public static Value I32(int v) => new(ValType.I32, (uint)v);
    public static Value I64(long v) => new(ValType.I64, (ulong)v);
    public static Value F32(float v) => new(ValType.F32, BitConverter.SingleToUInt32Bits(v));
    public static Value F64(double v) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(v));
    public static Value F32Bits(uint bits) => new(ValType.F32, bits);
    public static Value F64Bits(ulong bits) => new(ValType.F64, bits);
    public static Value V128(ulong lo, ulong hi) => new(ValType.V128, lo, hi);
    public static Value ExternRef(object? o) => new(ValType.ExternRef, 0, 0, o);
    public static Value FuncRef(Function? f) => new(ValType.FuncRef, 0, 0, f);
    public static Value Default(ValType t) => new(t, 0);

    public int AsInt32() => (int)(uint)Bits;
    public long AsInt64() => (long)Bits;
    public float AsSingle() => BitConverter.UInt32BitsToSingle((uint)Bits);
    public double AsDouble() => BitConverter.UInt64BitsToDouble(Bits);
    public Function? AsFunction() => Ref as Function;

    public static implicit operator Value(int v) => I32(v);
    public static implicit operator Value(long v) => I64(v);
    public static implicit operator Value(float v) => F32(v);
    public static implicit operator Value(double v) => F64(v);

    public bool Equals(Value other) =>
        Type == other.Type && Bits == other.Bits && HighBits == other.HighBits && Equals(Ref, other.Ref);

    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Type, Bits, HighBits, Ref);

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
