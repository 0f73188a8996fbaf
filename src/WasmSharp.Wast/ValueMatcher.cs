using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>Compares a result with an expected value: bit patterns, NaN classes, per-lane v128, references.</summary>
public static class ValueMatcher
{
    public static bool Matches(Value actual, ExpectedValue expected)
    {
        if (actual.Type != expected.Type) return false;
        switch (expected.Type)
        {
            case ValType.I32: return (uint)actual.Bits == (uint)expected.Value.Lo;
            case ValType.I64: return actual.Bits == expected.Value.Lo;
            case ValType.F32: return Float(actual.Bits, expected.Value.Lo, expected.Nan, 32);
            case ValType.F64: return Float(actual.Bits, expected.Value.Lo, expected.Nan, 64);
            case ValType.V128: return Vector(actual, expected);
            case ValType.ExternRef:
                if (expected.Value.IsNull) return actual.Ref is null;
                return actual.Ref is HostRef h && h.Number == expected.Value.Lo;
            default:
                if (expected.AnyFuncRef) return actual.Ref is not null;
                return expected.Value.IsNull ? actual.Ref is null : actual.Ref is not null;
        }
    }

    private static bool Float(ulong actual, ulong expected, NanPattern nan, int bits)
    {
        ulong mask = bits == 32 ? 0xFFFF_FFFFUL : ulong.MaxValue;
        actual &= mask;
        ulong exp = bits == 32 ? 0x7F80_0000UL : 0x7FF0_0000_0000_0000UL;
        ulong quiet = bits == 32 ? 0x0040_0000UL : 0x0008_0000_0000_0000UL;
        ulong payload = bits == 32 ? 0x007F_FFFFUL : 0x000F_FFFF_FFFF_FFFFUL;
        bool isNan = (actual & exp) == exp && (actual & payload) != 0;
        return nan switch
        {
            NanPattern.Canonical => isNan && (actual & payload) == quiet,
            NanPattern.Arithmetic => isNan && (actual & quiet) != 0,
            _ => actual == (expected & mask),
        };
    }

    private static bool Vector(Value actual, ExpectedValue expected)
    {
        if (expected.Lanes is not { } lanes) return actual.Bits == expected.Value.Lo && actual.HighBits == expected.Value.Hi;
        int bits = 128 / lanes.Length;
        var all = (UInt128)actual.HighBits << 64 | actual.Bits;
        bool isFloat = expected.LaneType is ValType.F32 or ValType.F64;
        for (int i = 0; i < lanes.Length; i++)
        {
            ulong lane = (ulong)(all >> (i * bits)) & (bits == 64 ? ulong.MaxValue : (1UL << bits) - 1);
            if (isFloat)
            {
                if (!Float(lane, lanes[i].Bits, lanes[i].Nan, bits)) return false;
            }
            else if (lane != lanes[i].Bits) return false;
        }
        return true;
    }

    public static string Format(ExpectedValue e)
    {
        if (e.Nan != NanPattern.None) return $"{e.Type.Name()}:nan:{e.Nan.ToString().ToLowerInvariant()}";
        if (e.Lanes is { } lanes) return $"v128:[{string.Join(' ', lanes.Select(l => l.Nan != NanPattern.None ? "nan:" + l.Nan : l.Bits.ToString()))}]";
        if (e.Type.IsRef()) return e.Value.IsNull ? $"{e.Type.Name()}:null" : $"{e.Type.Name()}:{e.Value.Lo}";
        return $"{e.Type.Name()}:0x{e.Value.Lo:x}";
    }

    public static string Format(Value v) => v.Type switch
    {
        ValType.I32 or ValType.F32 => $"{v.Type.Name()}:0x{(uint)v.Bits:x}",
        ValType.I64 or ValType.F64 => $"{v.Type.Name()}:0x{v.Bits:x}",
        _ => v.ToString(),
    };
}
