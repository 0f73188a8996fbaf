namespace WasmSharp.Singlepass.Arm64;

/// <summary>An AArch64 condition, numbered as in the <c>cond</c> field. Inverting a condition flips bit 0.</summary>
internal enum Cond : byte
{
    Eq, Ne,
    /// <summary>Unsigned higher or same (carry set).</summary>
    Hs,
    /// <summary>Unsigned lower (carry clear).</summary>
    Lo,
    Mi, Pl, Vs, Vc,
    /// <summary>Unsigned higher.</summary>
    Hi,
    /// <summary>Unsigned lower or same.</summary>
    Ls,
    Ge, Lt, Gt, Le,
    Al,
    /// <summary>Behaves as "always"; only for completeness of the field.</summary>
    Nv,
}

internal static class CondExtensions
{
    /// <summary>The opposite condition (eq↔ne, lt↔ge, ...). Not meaningful for al/nv.</summary>
    public static Cond Invert(this Cond c) => (Cond)((int)c ^ 1);
}
