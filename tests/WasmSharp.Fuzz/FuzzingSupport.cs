namespace WasmSharp.Fuzz;

/// <summary>
/// The host module binaryen's fuzz modules import (<c>fuzzing-support</c>): one logging function per number type.
/// Every engine provides the same four, so logged values are part of what is compared.
/// </summary>
public static class FuzzingSupport
{
    public const string ModuleName = "fuzzing-support";

    public static readonly (string Name, ValType Type)[] Loggers =
    [
        ("log-i32", ValType.I32), ("log-i64", ValType.I64), ("log-f32", ValType.F32), ("log-f64", ValType.F64),
        ("log-v128", ValType.V128),
    ];

    /// <summary>The log line for a value of the logger's type, given as raw bits.</summary>
    public static string Format(ValType type, ulong bits, ulong highBits = 0) => type switch
    {
        ValType.I32 => Outcomes.I32((int)(uint)bits),
        ValType.I64 => Outcomes.I64((long)bits),
        ValType.F32 => Outcomes.F32Bits((uint)bits),
        ValType.V128 => Outcomes.V128(bits, highBits),
        _ => Outcomes.F64Bits(bits),
    };

    /// <summary>Whether every import of the module is one of the loggers (else no engine here can link it).</summary>
    public static bool CanLink(IEnumerable<(string Module, string Name)> imports) =>
        imports.All(i => i.Module == ModuleName && Loggers.Any(l => l.Name == i.Name));
}
