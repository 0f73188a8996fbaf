namespace WasmSharp.Singlepass.Arm64;

/// <summary>add/sub family; the value is the op (bit 30) and S (bit 29) fields shared by every add/sub form.</summary>
internal enum AddSubOp : uint
{
    Add = 0,
    /// <summary>add, setting the flags.</summary>
    Adds = 1u << 29,
    Sub = 1u << 30,
    /// <summary>sub, setting the flags (cmp is subs to the zero register).</summary>
    Subs = 3u << 29,
}

/// <summary>Logical family; the value is opc (bits 30..29) and, for the inverting forms, N (bit 21).</summary>
internal enum LogicOp : uint
{
    And = 0,
    Bic = 1u << 21,
    Orr = 1u << 29,
    Orn = 1u << 29 | 1u << 21,
    Eor = 2u << 29,
    Eon = 2u << 29 | 1u << 21,
    Ands = 3u << 29,
    Bics = 3u << 29 | 1u << 21,
}

/// <summary>Conditional select family; the value is op (bit 30) and o2 (bit 10).</summary>
internal enum CondSelectOp : uint
{
    /// <summary>rd = cond ? rn : rm</summary>
    Csel = 0,
    /// <summary>rd = cond ? rn : rm + 1</summary>
    Csinc = 1u << 10,
    /// <summary>rd = cond ? rn : ~rm</summary>
    Csinv = 1u << 30,
    /// <summary>rd = cond ? rn : -rm</summary>
    Csneg = 1u << 30 | 1u << 10,
}

/// <summary>Bitfield move family; the value is opc (bits 30..29).</summary>
internal enum BitfieldOp : uint
{
    Sbfm = 0,
    Bfm = 1u << 29,
    Ubfm = 2u << 29,
}
