using System.Text;

namespace WasmSharp.Fuzz;

/// <summary>
/// Writes one random function body as folded WAT. Every expression is generated for a wanted type, so the result
/// validates by construction. Floats that could become integers bit for bit (reinterpret, copysign's sign, stores)
/// are NaN-canonicalized first: NaN payloads legitimately differ between engines and would only cause noise.
/// </summary>
public sealed partial class FunctionWriter(Random rng, Signature signature, List<(int Index, Signature Sig)> callees,
    List<Signature> signatures, bool indirect, bool simd = false)
{
    private const int MaxDepth = 4;
    private static readonly ValType[] Scalars = OwnModules.NumberTypes;
    /// <summary>The value types of this function's expressions, locals and statements: v128 too in a SIMD module.</summary>
    private readonly ValType[] _types = OwnModules.ValueTypes(simd);
    private readonly int _poolStart = signature.Params.Length;
    private int _labels, _loopCounters;

    public string Write()
    {
        var body = new StringBuilder();
        for (int i = rng.Next(1, 7); i > 0; i--) body.Append(Statement(MaxDepth)).Append(' ');
        foreach (var t in signature.Results) body.Append(Expr(t, MaxDepth)).Append(' ');
        var locals = new StringBuilder(simd
            ? "(local i32 i32 i64 i64 f32 f32 f64 f64 v128 v128) (local $tmp_f32 f32) (local $tmp_f64 f64) (local $tmp_v128 v128)"
            : "(local i32 i32 i64 i64 f32 f32 f64 f64) (local $tmp_f32 f32) (local $tmp_f64 f64)");
        for (int c = 0; c < _loopCounters; c++) locals.Append($" (local $c{c} i32)");
        return locals.Append(' ').Append(body).ToString();
    }

    private static string T(ValType t) => OwnModules.Wat(t);
    private ValType AnyNumber() => _types[rng.Next(_types.Length)];
    private ValType AnyScalar() => Scalars[rng.Next(Scalars.Length)];
    private T Pick<T>(params T[] items) => items[rng.Next(items.Length)];

    /// <summary>A local of the type: a parameter or one of the two pool locals declared for each type.</summary>
    private int Local(ValType t)
    {
        var candidates = Enumerable.Range(0, signature.Params.Length).Where(i => signature.Params[i] == t)
            .Append(_poolStart + 2 * Array.IndexOf(_types, t)).Append(_poolStart + 2 * Array.IndexOf(_types, t) + 1).ToArray();
        return candidates[rng.Next(candidates.Length)];
    }

    // ---- statements -------------------------------------------------------------------------------------------

    private string Statement(int depth) => simd && rng.Next(4) == 0 ? VectorStatement(depth) : rng.Next(14) switch
    {
        0 or 1 => Store(depth),
        2 => AnyNumber() is var g ? $"(global.set $g_{T(g)} {Expr(g, depth - 1)})" : "",
        3 => AnyNumber() is var t ? $"(local.set {Local(t)} {Expr(t, depth - 1)})" : "",
        4 or 5 => AnyNumber() is var l ? $"(call $log-{T(l)} {Expr(l, depth - 1)})" : "",
        6 => $"(memory.fill {Address(depth)} {Expr(ValType.I32, 1)} {Length()})",
        7 => $"(memory.copy {Address(depth)} {Address(depth)} {Length()})",
        8 => TableStatement(depth),
        9 => AnyNumber() is var d ? $"(drop {Expr(d, depth - 1)})" : "",
        10 => $"(if {Expr(ValType.I32, depth - 1)} (then {(rng.Next(4) == 0 ? "unreachable" : Statement(depth - 1))}) (else {Statement(depth - 1)}))",
        11 => MultiValue(depth),
        12 when depth > 1 => Loop(null, depth),
        _ => $"(call $log-i32 {Expr(ValType.I32, depth - 1)})",
    };

    private string Store(int depth)
    {
        var t = AnyNumber();
        string op = t switch
        {
            ValType.I32 => Pick("i32.store", "i32.store8", "i32.store16"),
            ValType.I64 => Pick("i64.store", "i64.store8", "i64.store16", "i64.store32"),
            ValType.V128 => VectorStore(),
            _ => $"{T(t)}.store",
        };
        if (t == ValType.V128)
            return $"({op}{VectorOffset()}{(op == "v128.store" ? "" : " " + LaneOf(op))} {VectorAddress(depth)} {Expr(t, depth - 1)})";
        return $"({op}{Offset()} {Address(depth)} {Canonical(t, depth - 1)})";
    }

    private string TableStatement(int depth)
    {
        string tab = Pick("$tab0", "$tab1");
        return rng.Next(4) switch
        {
            0 => $"(table.set {tab} {TableIndex(depth)} (ref.null func))",
            1 => $"(table.set {tab} {TableIndex(depth)} (table.get {Pick("$tab0", "$tab1")} {TableIndex(depth)}))",
            2 => $"(table.copy {tab} {Pick("$tab0", "$tab1")} {TableIndex(depth)} {TableIndex(depth)} (i32.const {rng.Next(0, 5)}))",
            _ => $"(table.fill {tab} {TableIndex(depth)} (ref.null func) (i32.const {rng.Next(0, 4)}))",
        };
    }

    /// <summary>Two or three values at once: from a multi-value block, if, or call, into locals.</summary>
    private string MultiValue(int depth)
    {
        var multi = callees.Where(c => c.Sig.Results.Length > 1).ToList();
        ValType[] types;
        string producer;
        if (multi.Count > 0 && rng.Next(2) == 0)
        {
            var (index, sig) = multi[rng.Next(multi.Count)];
            types = sig.Results;
            producer = $"(call $f{index} {Args(sig, depth)})";
        }
        else
        {
            types = [AnyNumber(), AnyNumber(), .. rng.Next(2) == 0 ? [AnyNumber()] : Array.Empty<ValType>()];
            string result = $"(result {string.Join(" ", types.Select(T))})";
            string values = string.Join(" ", types.Select(t => Expr(t, depth - 1)));
            string label = $"$b{_labels++}";
            producer = rng.Next(2) == 0
                ? $"(block {label} {result} {values} {Expr(ValType.I32, depth - 1)} (br_if {label}))"
                : $"(if {result} {Expr(ValType.I32, depth - 1)} (then {values}) (else {string.Join(" ", types.Select(t => Expr(t, depth - 1)))}))";
        }
        return producer + string.Concat(types.Reverse().Select(t => $" (local.set {Local(t)})"));
    }

    /// <summary>A loop that runs 1-4 times, counted by a local of its own; null type: a statement.</summary>
    private string Loop(ValType? type, int depth)
    {
        int counter = _loopCounters++;
        string label = $"$l{_labels++}";
        string result = type is { } t ? $" (result {T(t)})" : "";
        string body = string.Join(" ", Enumerable.Range(0, rng.Next(1, 3)).Select(_ => Statement(depth - 1)));
        string again = $"(br_if {label} (i32.lt_u (local.tee $c{counter} (i32.add (local.get $c{counter}) (i32.const 1))) (i32.const {rng.Next(1, 5)})))";
        string value = type is { } v ? Expr(v, depth - 1) : "";
        return $"(block{result} (local.set $c{counter} (i32.const 0)) (loop {label}{result} {body} {again} {value}))";
    }

    // ---- expressions ------------------------------------------------------------------------------------------

    private string Expr(ValType t, int depth)
    {
        if (depth <= 0 || rng.Next(5) == 0) return Leaf(t);
        int choice = rng.Next(16);
        // v128: the type-generic forms below, the SIMD operators instead of the scalar ones
        if (t == ValType.V128 && choice is <= 5 or >= 13) return VectorExpr(depth);
        if (simd && t != ValType.V128 && rng.Next(8) == 0) return ScalarFromVector(t, depth);
        return choice switch
        {
            0 or 1 or 2 => Binary(t, depth),
            3 or 4 => Unary(t, depth),
            5 => Load(t, depth),
            6 => $"(select {Expr(t, depth - 1)} {Expr(t, depth - 1)} {Expr(ValType.I32, depth - 1)})",
            7 => $"(if (result {T(t)}) {Expr(ValType.I32, depth - 1)} (then {Expr(t, depth - 1)}) (else {Expr(t, depth - 1)}))",
            8 => BrIf(t, depth),
            9 => BrTable(t, depth),
            10 => Loop(t, depth),
            11 => Call(t, depth) ?? Leaf(t),
            12 => CallIndirect(t, depth) ?? Leaf(t),
            13 when t == ValType.I32 => SizeOrGrow(),
            14 => $"(local.tee {Local(t)} {Expr(t, depth - 1)})",
            _ => Comparison(t, depth) ?? Binary(t, depth),
        };
    }

    private string SizeOrGrow() => rng.Next(4) switch
    {
        0 => $"(memory.grow {Pick("(i32.const 0)", "(i32.const 1)", "(i32.const 2)", "(i32.const 65536)", "(i32.const -1)")})",
        1 => "(memory.size)",
        2 => $"(table.size {Pick("$tab0", "$tab1")})",
        _ => $"(table.grow $tab1 (ref.null func) (i32.const {rng.Next(0, 14)}))",
    };

    private string Leaf(ValType t) => rng.Next(3) switch
    {
        0 => $"(local.get {Local(t)})",
        1 => $"(global.get $g_{T(t)})",
        _ => EdgeConstants.Of(t, rng),
    };

    private string Binary(ValType t, int depth)
    {
        string op = t is ValType.I32 or ValType.I64
            ? Pick("add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr")
            : Pick("add", "sub", "mul", "div", "min", "max", "copysign");
        string rhs = op == "copysign" ? Canonical(t, depth - 1) : Expr(t, depth - 1);
        return $"({T(t)}.{op} {Expr(t, depth - 1)} {rhs})";
    }

    private string? Comparison(ValType t, int depth)
    {
        if (t != ValType.I32) return null;
        var operand = AnyScalar();
        string op = operand is ValType.I32 or ValType.I64
            ? Pick("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u")
            : Pick("eq", "ne", "lt", "gt", "le", "ge");
        return $"({T(operand)}.{op} {Expr(operand, depth - 1)} {Expr(operand, depth - 1)})";
    }

    private string Unary(ValType t, int depth) => t switch
    {
        ValType.I32 => rng.Next(5) switch
        {
            0 => $"(i32.{Pick("eqz", "clz", "ctz", "popcnt", "extend8_s", "extend16_s")} {Expr(ValType.I32, depth - 1)})",
            1 => $"(i64.eqz {Expr(ValType.I64, depth - 1)})",
            2 => $"(i32.wrap_i64 {Expr(ValType.I64, depth - 1)})",
            3 => Truncate(ValType.I32, depth),
            _ => $"(i32.reinterpret_f32 {Canonical(ValType.F32, depth - 1)})",
        },
        ValType.I64 => rng.Next(4) switch
        {
            0 => $"(i64.{Pick("clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s")} {Expr(ValType.I64, depth - 1)})",
            1 => $"(i64.extend_i32_{Pick("s", "u")} {Expr(ValType.I32, depth - 1)})",
            2 => Truncate(ValType.I64, depth),
            _ => $"(i64.reinterpret_f64 {Canonical(ValType.F64, depth - 1)})",
        },
        _ => rng.Next(4) switch
        {
            0 => $"({T(t)}.{Pick("abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest")} {Expr(t, depth - 1)})",
            1 => Pick(ValType.I32, ValType.I64) is var i ? $"({T(t)}.convert_{T(i)}_{Pick("s", "u")} {Expr(i, depth - 1)})" : "",
            2 => t == ValType.F32 ? $"(f32.demote_f64 {Expr(ValType.F64, depth - 1)})" : $"(f64.promote_f32 {Expr(ValType.F32, depth - 1)})",
            _ => t == ValType.F32 ? $"(f32.reinterpret_i32 {Expr(ValType.I32, depth - 1)})" : $"(f64.reinterpret_i64 {Expr(ValType.I64, depth - 1)})",
        },
    };

    /// <summary>Float to integer, trapping or saturating; the operand sometimes NaN-free, to reach the range checks.</summary>
    private string Truncate(ValType to, int depth)
    {
        var from = Pick(ValType.F32, ValType.F64);
        string operand = rng.Next(2) == 0 ? Canonical(from, depth - 1) : Expr(from, depth - 1);
        return $"({T(to)}.trunc_{Pick("", "sat_")}{T(from)}_{Pick("s", "u")} {operand})";
    }

    /// <summary>The float, with any NaN replaced by the canonical positive NaN (integers pass unchanged).</summary>
    private string Canonical(ValType t, int depth)
    {
        string e = Expr(t, depth);
        // integers pass unchanged; a v128 is canonicalized lane-wise where a float operator produces it
        if (t is ValType.I32 or ValType.I64 or ValType.V128) return e;
        string tmp = $"$tmp_{T(t)}";
        return $"(select (local.tee {tmp} {e}) ({T(t)}.const nan) ({T(t)}.eq (local.get {tmp}) (local.get {tmp})))";
    }

    private string Load(ValType t, int depth)
    {
        string op = t switch
        {
            ValType.I32 => Pick("i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"),
            ValType.I64 => Pick("i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u"),
            _ => $"{T(t)}.load",
        };
        return $"({op}{Offset()} {Address(depth)})";
    }

    private string Offset() => Pick("", "", " offset=1", " offset=7", $" offset={rng.Next(0, 64)}", " offset=65535", " offset=65536");

    /// <summary>An address near the start or the current end of memory, or anywhere.</summary>
    private string Address(int depth) => rng.Next(4) switch
    {
        0 => $"(i32.const {rng.Next(0, 64)})",
        1 or 2 => $"(i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const {rng.Next(0, 17)}))",
        _ => Expr(ValType.I32, depth - 1),
    };

    private string Length() => Pick("(i32.const 0)", "(i32.const 1)", "(i32.const 8)", "(i32.const 17)", "(i32.const 65536)");

    private string TableIndex(int depth) => rng.Next(5) == 0 ? Expr(ValType.I32, depth - 1) : $"(i32.const {rng.Next(0, OwnModules.Table0Size + 2)})";

    private string BrIf(ValType t, int depth)
    {
        string label = $"$b{_labels++}";
        return $"(block {label} (result {T(t)}) (drop (br_if {label} {Expr(t, depth - 1)} {Expr(ValType.I32, depth - 1)})) {Expr(t, depth - 1)})";
    }

    private string BrTable(ValType t, int depth)
    {
        string outer = $"$b{_labels++}", inner = $"$b{_labels++}";
        string targets = string.Join(" ", Enumerable.Range(0, rng.Next(1, 5)).Select(_ => Pick(outer, inner)));
        return $"(block {outer} (result {T(t)}) (drop (block {inner} (result {T(t)}) (br_table {targets} {Pick(outer, inner)} {Expr(t, depth - 1)} {Expr(ValType.I32, depth - 1)}))) {Expr(t, depth - 1)})";
    }

    private string Args(Signature sig, int depth) => string.Join(" ", sig.Params.Select(p => Expr(p, depth - 2)));

    private string? Call(ValType t, int depth)
    {
        var fits = callees.Where(c => c.Sig.Results.Length == 1 && c.Sig.Results[0] == t).ToList();
        if (fits.Count == 0) return null;
        var (index, sig) = fits[rng.Next(fits.Count)];
        return $"(call $f{index} {Args(sig, depth)})";
    }

    /// <summary>An indirect call through either table; the element may be null, out of range, or of another type.</summary>
    private string? CallIndirect(ValType t, int depth)
    {
        if (!indirect) return null;
        var fits = Enumerable.Range(0, signatures.Count).Where(i => signatures[i].Results is [var r] && r == t).ToList();
        if (fits.Count == 0) return null;
        int type = fits[rng.Next(fits.Count)];
        return $"(call_indirect {Pick("$tab0", "$tab1")} (type $t{type}) {Args(signatures[type], depth)} {TableIndex(depth)})";
    }
}
