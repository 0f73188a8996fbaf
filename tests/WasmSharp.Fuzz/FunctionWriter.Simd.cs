namespace WasmSharp.Fuzz;

/// <summary>
/// The SIMD half of the generator: v128 expressions from every operator family (splats, lanes, shuffles, bitwise,
/// integer and saturating arithmetic, shifts, comparisons, float arithmetic and rounding, conversions, narrowing and
/// widening, dot products, loads and stores including lane, splat and zero-extending loads at the memory's end).
/// Float lanes a float operator produces are NaN-canonicalized lane-wise (NaN payloads legitimately differ between
/// engines and would leak into integer lanes); float scalars entering a vector are canonicalized likewise.
/// </summary>
public sealed partial class FunctionWriter
{
    private static readonly string[] IntShapes = ["i8x16", "i16x8", "i32x4", "i64x2"];
    private static readonly string[] FloatShapes = ["f32x4", "f64x2"];

    private static int Lanes(string shape) => shape switch
    {
        "i8x16" => 16,
        "i16x8" => 8,
        "i32x4" or "f32x4" => 4,
        _ => 2,
    };

    /// <summary>The scalar type a shape's lanes are read and written as.</summary>
    private static ValType LaneType(string shape) => shape switch
    {
        "i64x2" => ValType.I64,
        "f32x4" => ValType.F32,
        "f64x2" => ValType.F64,
        _ => ValType.I32,
    };

    private string V(int depth) => Expr(ValType.V128, depth - 1);
    private string Lane(string shape) => rng.Next(Lanes(shape)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private string Scalar(string shape, int depth) => Canonical(LaneType(shape), depth - 1);

    /// <summary>A vector made observable at once (most calls trap sooner or later, by design): logged, kept in the
    /// exported global, or stored (memory is compared after the last call).</summary>
    private string VectorStatement(int depth) => rng.Next(3) switch
    {
        0 => $"(call $log-v128 {V(depth)})",
        1 => $"(global.set $g_v128 {V(depth)})",
        _ => $"(v128.store{VectorOffset()} {VectorAddress(depth)} {V(depth)})",
    };

    private string VectorExpr(int depth) => rng.Next(14) switch
    {
        0 => Pick(IntShapes.Concat(FloatShapes).ToArray()) is var s ? $"({s}.splat {Scalar(s, depth)})" : "",
        1 => Pick(IntShapes.Concat(FloatShapes).ToArray()) is var s ? $"({s}.replace_lane {Lane(s)} {V(depth)} {Scalar(s, depth)})" : "",
        2 => rng.Next(3) == 0 ? $"(i8x16.swizzle {V(depth)} {V(depth)})" : $"(i8x16.shuffle {ShuffleLanes()} {V(depth)} {V(depth)})",
        3 => Bitwise(depth),
        4 or 5 => IntegerBinary(depth),
        6 => IntegerUnary(depth),
        7 => $"({Pick(IntShapes)}.{Pick("shl", "shr_s", "shr_u")} {V(depth)} {ShiftCount(depth)})",
        8 => VectorComparison(depth),
        9 => FloatBinary(depth),
        10 => FloatUnary(depth),
        11 => Widening(depth),
        _ => VectorLoad(depth),
    };

    private string ShuffleLanes() =>
        string.Join(" ", Enumerable.Range(0, 16).Select(_ => rng.Next(4) == 0 ? Pick(0, 15, 16, 31) : rng.Next(32)));

    /// <summary>Shift counts are taken modulo the lane width: large and negative counts test that.</summary>
    private string ShiftCount(int depth) =>
        rng.Next(2) == 0 ? $"(i32.const {Pick(0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, -1, 255)})" : Expr(ValType.I32, depth - 1);

    private string Bitwise(int depth) => rng.Next(6) switch
    {
        0 => $"(v128.not {V(depth)})",
        1 => $"(v128.bitselect {V(depth)} {V(depth)} {V(depth)})",
        _ => $"(v128.{Pick("and", "andnot", "or", "xor")} {V(depth)} {V(depth)})",
    };

    private string IntegerBinary(int depth)
    {
        string shape = Pick(IntShapes);
        string op = shape switch
        {
            "i8x16" => Pick("add", "sub", "add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "min_s", "min_u", "max_s", "max_u", "avgr_u"),
            "i16x8" => Pick("add", "sub", "mul", "add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "min_s", "min_u", "max_s", "max_u", "avgr_u", "q15mulr_sat_s"),
            "i32x4" => Pick("add", "sub", "mul", "min_s", "min_u", "max_s", "max_u"),
            _ => Pick("add", "sub", "mul"),
        };
        return $"({shape}.{op} {V(depth)} {V(depth)})";
    }

    private string IntegerUnary(int depth) => rng.Next(5) switch
    {
        0 => $"(i8x16.popcnt {V(depth)})",
        1 => $"(i32x4.trunc_sat_f32x4_{Pick("s", "u")} {V(depth)})",
        2 => $"(i32x4.trunc_sat_f64x2_{Pick("s", "u")}_zero {V(depth)})",
        _ => $"({Pick(IntShapes)}.{Pick("abs", "neg")} {V(depth)})",
    };

    private string VectorComparison(int depth)
    {
        if (rng.Next(3) == 0) return $"({Pick(FloatShapes)}.{Pick("eq", "ne", "lt", "gt", "le", "ge")} {V(depth)} {V(depth)})";
        string shape = Pick(IntShapes);
        string op = shape == "i64x2"
            ? Pick("eq", "ne", "lt_s", "gt_s", "le_s", "ge_s")
            : Pick("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u");
        return $"({shape}.{op} {V(depth)} {V(depth)})";
    }

    private string FloatBinary(int depth)
    {
        string shape = Pick(FloatShapes);
        return CanonicalLanes(shape, $"({shape}.{Pick("add", "sub", "mul", "div", "min", "max", "pmin", "pmax")} {V(depth)} {V(depth)})");
    }

    private string FloatUnary(int depth)
    {
        string shape = Pick(FloatShapes);
        return rng.Next(3) switch
        {
            0 => CanonicalLanes(shape, $"({shape}.{Pick("abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest")} {V(depth)})"),
            1 => shape == "f32x4" ? $"(f32x4.convert_i32x4_{Pick("s", "u")} {V(depth)})" : $"(f64x2.convert_low_i32x4_{Pick("s", "u")} {V(depth)})",
            _ => shape == "f32x4" ? CanonicalLanes(shape, $"(f32x4.demote_f64x2_zero {V(depth)})") : CanonicalLanes(shape, $"(f64x2.promote_low_f32x4 {V(depth)})"),
        };
    }

    /// <summary>Narrowing, widening, extended multiplication, pairwise addition, dot product.</summary>
    private string Widening(int depth) => rng.Next(6) switch
    {
        0 => $"({Pick("i8x16.narrow_i16x8", "i16x8.narrow_i32x4")}_{Pick("s", "u")} {V(depth)} {V(depth)})",
        1 => $"({Pick("i16x8.extend_{0}_i8x16", "i32x4.extend_{0}_i16x8", "i64x2.extend_{0}_i32x4").Replace("{0}", Pick("low", "high"))}_{Pick("s", "u")} {V(depth)})",
        2 => $"({Pick("i16x8.extmul_{0}_i8x16", "i32x4.extmul_{0}_i16x8", "i64x2.extmul_{0}_i32x4").Replace("{0}", Pick("low", "high"))}_{Pick("s", "u")} {V(depth)} {V(depth)})",
        3 => $"({Pick("i16x8.extadd_pairwise_i8x16", "i32x4.extadd_pairwise_i16x8")}_{Pick("s", "u")} {V(depth)})",
        4 => $"(i32x4.dot_i16x8_s {V(depth)} {V(depth)})",
        _ => $"(i16x8.q15mulr_sat_s {V(depth)} {V(depth)})",
    };

    private string VectorLoad(int depth)
    {
        string op = Pick("v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u",
            "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat", "v128.load32_splat",
            "v128.load64_splat", "v128.load32_zero", "v128.load64_zero", "v128.load8_lane", "v128.load16_lane",
            "v128.load32_lane", "v128.load64_lane");
        return op.EndsWith("_lane", StringComparison.Ordinal)
            ? $"({op}{VectorOffset()} {LaneOf(op)} {VectorAddress(depth)} {V(depth)})"
            : $"({op}{VectorOffset()} {VectorAddress(depth)})";
    }

    /// <summary>Vector accesses straddle the end of memory from both sides (1-16 bytes wide); fewer huge offsets than
    /// the scalar accesses', so that more calls live on to use the value.</summary>
    private string VectorOffset() =>
        rng.Next(16) == 0 ? " offset=65536" : Pick("", "", "", " offset=1", " offset=15", " offset=16", $" offset={rng.Next(0, 64)}");

    private string VectorAddress(int depth) => rng.Next(6) switch
    {
        0 or 1 => $"(i32.const {rng.Next(0, 256)})",
        2 or 3 => $"(i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const {rng.Next(80, 160)}))",
        4 => $"(i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const {rng.Next(0, 17)}))", // straddles the end
        _ => Expr(ValType.I32, depth - 1),
    };

    private string VectorStore() =>
        Pick("v128.store", "v128.store", "v128.store8_lane", "v128.store16_lane", "v128.store32_lane", "v128.store64_lane");

    /// <summary>A lane index that fits the access width of a <c>loadN_lane</c> / <c>storeN_lane</c>.</summary>
    private string LaneOf(string op) => rng.Next(op switch
    {
        _ when op.Contains("8_lane", StringComparison.Ordinal) => 16,
        _ when op.Contains("16_lane", StringComparison.Ordinal) => 8,
        _ when op.Contains("32_lane", StringComparison.Ordinal) => 4,
        _ => 2,
    }).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An i32/i64/f32/f64 read out of a vector: a lane, a test, a bitmask.</summary>
    private string ScalarFromVector(ValType t, int depth) => t switch
    {
        ValType.I32 => rng.Next(5) switch
        {
            0 => $"(i8x16.extract_lane_{Pick("s", "u")} {Lane("i8x16")} {V(depth)})",
            1 => $"(i16x8.extract_lane_{Pick("s", "u")} {Lane("i16x8")} {V(depth)})",
            2 => $"(i32x4.extract_lane {Lane("i32x4")} {V(depth)})",
            3 => $"(v128.any_true {V(depth)})",
            _ => $"({Pick(IntShapes)}.{Pick("all_true", "bitmask")} {V(depth)})",
        },
        ValType.I64 => $"(i64x2.extract_lane {Lane("i64x2")} {V(depth)})",
        ValType.F32 => $"(f32x4.extract_lane {Lane("f32x4")} {V(depth)})",
        _ => $"(f64x2.extract_lane {Lane("f64x2")} {V(depth)})",
    };

    /// <summary>The vector with every NaN lane (of the float shape) replaced by the canonical positive NaN.</summary>
    private static string CanonicalLanes(string shape, string e)
    {
        string nans = string.Join(" ", Enumerable.Repeat("nan", Lanes(shape)));
        return $"(v128.bitselect (local.tee $tmp_v128 {e}) (v128.const {shape} {nans}) ({shape}.eq (local.get $tmp_v128) (local.get $tmp_v128)))";
    }
}
