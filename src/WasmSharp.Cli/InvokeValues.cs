using System.Globalization;
using System.Numerics;

namespace WasmSharp.Cli;

/// <summary><c>run --invoke</c>'s arguments and results: decimal text read and written by Wasm value type.</summary>
internal static class InvokeValues
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The arguments for <paramref name="function"/>, one per parameter; a wrong count or a value that
    /// does not fit its type is a <see cref="UsageException"/> naming the argument, its type and the value.</summary>
    public static Value[] Parse(string function, FuncType type, string[] args)
    {
        var ps = type.Params;
        if (args.Length != ps.Length) throw new UsageException($"\"{function}\" takes {ps.Length} arguments ({type}), got {args.Length}");
        var values = new Value[ps.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            try
            {
                values[i] = Parse(ps[i], args[i]);
            }
            catch (FormatException e)
            {
                throw new UsageException($"argument {i + 1} of \"{function}\" ({ps[i].Name()}): {e.Message}");
            }
        }
        return values;
    }

    /// <summary>Integers may be given signed or unsigned, decimal or hex (0xFFFFFFFF and -1 are the same i32); floats
    /// as decimal, <c>inf</c>, <c>-inf</c> or <c>nan</c>.</summary>
    private static Value Parse(ValType t, string s) => t switch
    {
        ValType.I32 => Value.I32((int)(uint)(Integer(s, t) & uint.MaxValue)),
        ValType.I64 => Value.I64((long)(ulong)(Integer(s, t) & ulong.MaxValue)),
        ValType.F32 => Value.F32(Special(s) is { } sf ? (float)sf : Finite(float.TryParse(s, NumberStyles.Float, C, out var f) ? f : throw NotANumber(s), s, t)),
        ValType.F64 => Value.F64(Special(s) ?? Finite(double.TryParse(s, NumberStyles.Float, C, out var d) ? d : throw NotANumber(s), s, t)),
        ValType.FuncRef when s == "null" => Value.FuncRef(null),
        ValType.ExternRef when s == "null" => Value.ExternRef(null),
        ValType.FuncRef or ValType.ExternRef => throw new FormatException($"only null can be passed as a {t.Name()} from the command line, got \"{s}\""),
        _ => throw new FormatException($"a {t.Name()} cannot be passed from the command line"),
    };

    /// <summary>The integer <paramref name="s"/>, which must lie in the signed or the unsigned range of
    /// <paramref name="t"/>.</summary>
    private static BigInteger Integer(string s, ValType t)
    {
        if (!TryInteger(s, out var n)) throw new FormatException($"\"{s}\" is not an integer");
        int bits = t == ValType.I64 ? 64 : 32;
        if (n < -(BigInteger.One << (bits - 1)) || n >= BigInteger.One << bits) throw new FormatException($"{s} does not fit in {t.Name()}");
        return n;
    }

    /// <summary>Decimal, or hex after <c>0x</c> (a sign before it allowed).</summary>
    private static bool TryInteger(string s, out BigInteger n)
    {
        bool negative = s.StartsWith('-');
        string body = s.TrimStart('+', '-');
        if (s.Length - body.Length > 1 || !body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return BigInteger.TryParse(s, NumberStyles.AllowLeadingSign, C, out n);
        // a leading 0 keeps the hex digits unsigned
        bool ok = BigInteger.TryParse("0" + body[2..], NumberStyles.AllowHexSpecifier, C, out n) && body.Length > 2;
        if (negative) n = -n;
        return ok;
    }

    /// <summary><c>inf</c>, <c>+inf</c>, <c>-inf</c>, <c>nan</c> (the canonical, positive NaN) and <c>-nan</c>, as in WAT.</summary>
    private static double? Special(string s) => s.ToLowerInvariant() switch
    {
        "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
        "-inf" or "-infinity" => double.NegativeInfinity,
        "nan" or "+nan" => BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0000),
        "-nan" => BitConverter.UInt64BitsToDouble(0xFFF8_0000_0000_0000),
        _ => null,
    };

    /// <summary>A decimal too large for the type rounds to infinity: say so instead.</summary>
    private static T Finite<T>(T value, string s, ValType t) where T : IFloatingPointIeee754<T> =>
        T.IsFinite(value) || T.IsNaN(value) ? value : throw new FormatException($"{s} does not fit in {t.Name()} (use inf for infinity)");

    private static FormatException NotANumber(string s) => new($"\"{s}\" is not a number");

    public static string Format(Value v) => v.Type switch
    {
        ValType.I32 => v.AsInt32().ToString(C),
        ValType.I64 => v.AsInt64().ToString(C),
        ValType.F32 => float.IsFinite(v.AsSingle()) ? v.AsSingle().ToString("R", C) : NonFinite(v.AsSingle()),
        ValType.F64 => double.IsFinite(v.AsDouble()) ? v.AsDouble().ToString("R", C) : NonFinite(v.AsDouble()),
        _ => v.ToString(),
    };

    /// <summary>Infinities and NaNs the way they are typed: <c>inf</c>, <c>-inf</c>, <c>nan</c>, <c>-nan</c>.</summary>
    private static string NonFinite(double d) =>
        (double.IsNegative(d) ? "-" : "") + (double.IsNaN(d) ? "nan" : "inf");
}
