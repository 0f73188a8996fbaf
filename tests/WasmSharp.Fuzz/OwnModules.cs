using System.Text;


namespace WasmSharp.Fuzz;

/// <summary>
/// Our own generator of random valid modules, aimed where binaryen's rarely goes: multi-value blocks and calls,
/// br_table, call_indirect across two tables (type mismatches, null and out-of-range elements), memory.grow, fill
/// and copy at the boundary, table ops, accesses at the end of memory, edge integer and float constants (NaN
/// payloads, -0, subnormals), and every kind of trap. Calls only go to lower-numbered functions and loops are
/// counted, so every export terminates without exhausting the stack.
/// </summary>
public static class OwnModules
{
    public static readonly ValType[] NumberTypes = [ValType.I32, ValType.I64, ValType.F32, ValType.F64];
    public const int Table0Size = 8, Table1Size = 4;

    /// <summary>The value types of a module's functions, globals and locals: the numbers, and v128 in a SIMD module.</summary>
    public static ValType[] ValueTypes(bool simd) => simd ? [.. NumberTypes, ValType.V128] : NumberTypes;

    /// <summary>Whether the module of this seed uses SIMD (a third do): a function of the seed alone, so that
    /// <c>--print-own SEED</c> reproduces a campaign's module.</summary>
    public static bool SimdFor(int seed) => seed % 3 == 0;

    /// <summary>A binary module; the WAT text is <see cref="GenerateText"/>.</summary>
    public static byte[] Generate(Random rng, bool simd = false) => WasmSharp.Text.Wat.ToBinary(GenerateText(rng, simd));

    public static string GenerateText(Random rng, bool simd = false)
    {
        var types = ValueTypes(simd);
        var signatures = Signatures(rng, types);
        int count = rng.Next(3, 9);
        var functionTypes = Enumerable.Range(0, count).Select(_ => rng.Next(signatures.Count)).ToArray();
        var w = new StringBuilder("(module\n");
        foreach (var (name, type) in FuzzingSupport.Loggers.Where(l => simd || l.Type != ValType.V128))
            w.Append($"  (import \"{FuzzingSupport.ModuleName}\" \"{name}\" (func ${name} (param {type.ToString().ToLowerInvariant()})))\n");
        for (int t = 0; t < signatures.Count; t++) w.Append($"  (type $t{t} {signatures[t].Wat()})\n");
        string max = rng.Next(3) == 0 ? "" : " " + rng.Next(1, 5);
        w.Append($"  (memory (export \"memory\") 1{max})\n");
        w.Append($"  (data (i32.const {rng.Next(0, 65000)}) \"{RandomBytes(rng)}\")\n");
        w.Append($"  (table $tab0 {Table0Size} funcref)\n  (table $tab1 {Table1Size} 16 funcref)\n");
        // only the lower half of the functions go into tables, and only the upper half call indirectly: no cycles
        int half = Math.Max(1, count / 2);
        w.Append($"  (elem (table $tab0) (i32.const 0) func {TableFunctions(rng, half, Table0Size - 2)})\n");
        w.Append($"  (elem (table $tab1) (i32.const 1) func {TableFunctions(rng, half, Table1Size - 2)})\n");
        foreach (var type in types)
            w.Append($"  (global $g_{Wat(type)} (export \"g_{Wat(type)}\") (mut {Wat(type)}) {EdgeConstants.Of(type, rng)})\n");
        for (int f = 0; f < count; f++)
        {
            var callees = Enumerable.Range(0, f).Select(i => (i, signatures[functionTypes[i]])).ToList();
            var writer = new FunctionWriter(rng, signatures[functionTypes[f]], callees, signatures, indirect: f >= half, simd);
            w.Append($"  (func $f{f} (export \"f{f}\") (type $t{functionTypes[f]}) {writer.Write()})\n");
        }
        return w.Append(")\n").ToString();
    }

    public static string Wat(ValType t) => t.ToString().ToLowerInvariant();

    /// <summary>A small pool of signatures (0-3 params, 0-3 results) shared by functions and call_indirect.</summary>
    private static List<Signature> Signatures(Random rng, ValType[] types)
    {
        var list = new List<Signature> { new([], [ValType.I32]) };
        for (int i = rng.Next(2, 5); i > 0; i--)
            list.Add(new(RandomTypes(rng, types, 3), RandomTypes(rng, types, rng.Next(3) == 0 ? 3 : 1)));
        return list;
    }

    private static ValType[] RandomTypes(Random rng, ValType[] types, int max) =>
        Enumerable.Range(0, rng.Next(max + 1)).Select(_ => types[rng.Next(types.Length)]).ToArray();

    private static string TableFunctions(Random rng, int half, int n) =>
        string.Join(" ", Enumerable.Range(0, n).Select(_ => $"$f{rng.Next(half)}"));

    private static string RandomBytes(Random rng) =>
        string.Concat(Enumerable.Range(0, rng.Next(1, 24)).Select(_ => $"\\{rng.Next(256):x2}"));
}

/// <summary>A function type as the generator uses it.</summary>
public sealed record Signature(ValType[] Params, ValType[] Results)
{
    public string Wat() =>
        $"(func{(Params.Length == 0 ? "" : " (param " + string.Join(" ", Params.Select(OwnModules.Wat)) + ")")}" +
        $"{(Results.Length == 0 ? "" : " (result " + string.Join(" ", Results.Select(OwnModules.Wat)) + ")")})";
}
