using WasmSharp.Runtime;
using WasmSharp.Singlepass;
using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>
/// CIL code without bounds checks (guard pages, <see cref="GuardPages"/>): every out-of-bounds access must trap exactly
/// where the explicitly checked code (<c>SignalBasedBoundsChecks = false</c>) traps, write nothing when it traps, and
/// report the same backtrace; other NullReferenceExceptions stay what they are.
/// </summary>
public class GuardPageTests
{
    private static readonly Engine Guarded = new(new CilCompiler());
    private static readonly Engine Explicit = new(new CilCompiler(), new EngineConfig { SignalBasedBoundsChecks = false });
    private const int Pages = 2, Length = Pages * 65536;

    private static Instance Instantiate(Engine engine, Store store, string wat, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(wat)));

    [Fact]
    public void TheEnginesUnderTestUseGuardPagesOrNot()
    {
        Assert.True(GuardPages.For(Guarded));
        Assert.False(GuardPages.For(Explicit));
        Assert.False(GuardPages.For(new Engine(new CilCompiler(), new EngineConfig { ConsumeFuel = true })));
        Assert.False(GuardPages.For(new Engine(new CilCompiler(), new EngineConfig { Deterministic = true })));
    }

    /// <summary>(operator, access size, value type, value to i64) for loads; stores take a constant.</summary>
    public static IEnumerable<object[]> Loads() =>
        from op in new (string Op, int Size, string ToI64)[]
        {
            ("i32.load", 4, "(i64.extend_i32_u {0})"), ("i64.load", 8, "{0}"), ("f32.load", 4, "(i64.extend_i32_u (i32.reinterpret_f32 {0}))"),
            ("f64.load", 8, "(i64.reinterpret_f64 {0})"), ("i32.load8_s", 1, "(i64.extend_i32_s {0})"), ("i32.load8_u", 1, "(i64.extend_i32_u {0})"),
            ("i32.load16_s", 2, "(i64.extend_i32_s {0})"), ("i32.load16_u", 2, "(i64.extend_i32_u {0})"), ("i64.load8_s", 1, "{0}"),
            ("i64.load8_u", 1, "{0}"), ("i64.load16_s", 2, "{0}"), ("i64.load16_u", 2, "{0}"), ("i64.load32_s", 4, "{0}"), ("i64.load32_u", 4, "{0}"),
            ("v128.load", 16, V128ToI64), ("v128.load8x8_s", 8, V128ToI64), ("v128.load16x4_u", 8, V128ToI64),
            ("v128.load32x2_s", 8, V128ToI64), ("v128.load8_splat", 1, V128ToI64), ("v128.load16_splat", 2, V128ToI64),
            ("v128.load32_splat", 4, V128ToI64), ("v128.load64_splat", 8, V128ToI64), ("v128.load32_zero", 4, V128ToI64),
            ("v128.load64_zero", 8, V128ToI64),
        }
        from offset in new long[] { 0, 5, 65536 }
        select new object[] { op.Op, op.Size, op.ToI64, offset };

    private const string V128ToI64 = "(i64.xor (i64x2.extract_lane 0 {0}) (i64x2.extract_lane 1 {0}))";

    [Theory]
    [MemberData(nameof(Loads))]
    public void LoadsTrapExactlyWhereCheckedCodeTraps(string op, int size, string toI64, long offset)
    {
        // "l" uses the value, "d" drops it, "x" stores it to a local never read (RyuJIT removes unused loads but
        // keeps a probe of their first bytes: the access must still trap when it straddles the end)
        string access = $"({op} offset={offset} (local.get 0))";
        // the v128 conversion uses its operand twice: through a local
        string value = toI64.Contains("{0}) (", StringComparison.Ordinal)
            ? string.Format(toI64, "(local.tee 1 " + access + ")").Replace("(i64x2.extract_lane 1 (local.tee 1 " + access + "))", "(i64x2.extract_lane 1 (local.get 1))")
            : string.Format(toI64, access);
        string wat = $$"""
            (module (memory {{Pages}})
              (data (i32.const {{Length - 64}}) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f\20\21\22\23\24\25\26\27\28\29\2a\2b\2c\2d\2e\2f\30\31\32\33\34\35\36\37\38\39\3a\3b\3c\3d\3e\3f\40")
              (func (export "l") (param i32) (result i64) (local v128) {{value}})
              (func (export "d") (param i32) (drop {{access}}))
              (func (export "x") (param i32) (local v128 i64) (local.set 2 {{value}})))
            """;
        CompareAround(wat, offset, size, ["l", "d", "x"]);
    }

    /// <summary>Calls each export at addresses around the end (minus the offset) on both engines: same value or same
    /// trap, and a trap exactly when the access does not fit.</summary>
    private static void CompareAround(string wat, long offset, int size, string[] exports, bool compareMemory = false)
    {
        using var gs = new Store(Guarded);
        using var es = new Store(Explicit);
        var g = Instantiate(Guarded, gs, wat);
        var e = Instantiate(Explicit, es, wat);
        foreach (var name in exports)
        {
            for (long a = Length - offset - 20; a <= Length - offset + 8; a++)
            {
                if (a < 0) continue;
                bool fits = a + offset + size <= Length;
                var expected = Outcome(e.GetFunction(name)!, (int)a);
                var actual = Outcome(g.GetFunction(name)!, (int)a);
                Assert.Equal(expected, actual);
                Assert.Equal(fits, !actual.StartsWith("trap", StringComparison.Ordinal));
                if (compareMemory)
                    Assert.Equal(e.GetMemory("m")!.Span[^64..].ToArray(), g.GetMemory("m")!.Span[^64..].ToArray());
            }
            // the largest addresses: far past the end (the guard region's far side)
            foreach (int a in new[] { -1, int.MinValue, int.MaxValue })
                Assert.Equal(Outcome(e.GetFunction(name)!, a), Outcome(g.GetFunction(name)!, a));
        }
    }

    private static string Outcome(Function f, int address)
    {
        try
        {
            var r = f.Invoke(address);
            return r.Length == 0 ? "ok" : $"ok {r[0].Bits:x}";
        }
        catch (TrapException t)
        {
            // frames by function; the offset of a fault may be unknown where a check's throw had one (see README)
            return $"trap {t.Kind} " + string.Join(",", t.WasmStackTrace.Select(f => f.FunctionIndex));
        }
    }

    public static IEnumerable<object[]> Stores() =>
        from op in new (string Op, int Size, string Value)[]
        {
            ("i32.store", 4, "(i32.const 0x7b7c7d7e)"), ("i64.store", 8, "(i64.const 0x7172737475767778)"),
            ("f32.store", 4, "(f32.const -1.5)"), ("f64.store", 8, "(f64.const -1.5)"), ("i32.store8", 1, "(i32.const 0x99)"),
            ("i32.store16", 2, "(i32.const 0x9998)"), ("i64.store8", 1, "(i64.const 0x99)"), ("i64.store16", 2, "(i64.const 0x9998)"),
            ("i64.store32", 4, "(i64.const 0x99989796)"), ("v128.store", 16, "(v128.const i32x4 -1 -2 -3 -4)"),
        }
        from offset in new long[] { 0, 3, 65536 }
        select new object[] { op.Op, op.Size, op.Value, offset };

    [Theory]
    [MemberData(nameof(Stores))]
    public void StoresTrapWhereCheckedCodeTrapsAndAStraddlingStoreWritesNothing(string op, int size, string value, long offset)
    {
        string wat = $$"""
            (module (memory (export "m") {{Pages}})
              (func (export "s") (param i32) ({{op}} offset={{offset}} (local.get 0) {{value}})))
            """;
        CompareAround(wat, offset, size, ["s"], compareMemory: true);
        // and explicitly: the bytes below the end are untouched by a store that straddles it
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, wat);
        for (int k = 1; k < size; k++)
        {
            int a = (int)(Length - offset - size + k);
            Assert.Throws<TrapException>(() => inst.GetFunction("s")!.Invoke(a));
            Assert.All(inst.GetMemory("m")!.Span[^size..].ToArray(), b => Assert.Equal(0, b));
        }
    }

    public static IEnumerable<object[]> Lanes() =>
        from op in new (string Op, int Size, bool Load)[]
        {
            ("v128.load8_lane", 1, true), ("v128.load16_lane", 2, true), ("v128.load32_lane", 4, true), ("v128.load64_lane", 8, true),
            ("v128.store8_lane", 1, false), ("v128.store16_lane", 2, false), ("v128.store32_lane", 4, false), ("v128.store64_lane", 8, false),
        }
        from offset in new long[] { 0, 7 }
        select new object[] { op.Op, op.Size, op.Load, offset };

    [Theory]
    [MemberData(nameof(Lanes))]
    public void LaneLoadsAndStoresTrapWhereCheckedCodeTraps(string op, int size, bool load, long offset)
    {
        string lane = "1";
        string wat = load
            ? $$"""
                (module (memory (export "m") {{Pages}})
                  (data (i32.const {{Length - 16}}) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")
                  (func (export "l") (param i32) (result i64)
                    (i64x2.extract_lane 1 ({{op}} offset={{offset}} {{lane}} (local.get 0) (v128.const i64x2 -1 -1))))
                  (func (export "d") (param i32) (drop ({{op}} offset={{offset}} {{lane}} (local.get 0) (v128.const i64x2 -1 -1)))))
                """
            : $$"""
                (module (memory (export "m") {{Pages}})
                  (func (export "s") (param i32) ({{op}} offset={{offset}} {{lane}} (local.get 0) (v128.const i64x2 0x0102030405060708 0x1112131415161718))))
                """;
        CompareAround(wat, offset, size, load ? ["l", "d"] : ["s"], compareMemory: !load);
    }

    [Theory]
    [InlineData("f64.load offset=22 (i32.const -75)", 0)]
    [InlineData("i32.load (i32.const 65534)", 0)]
    [InlineData("i64.load (local.get 1)", 65532)]
    [InlineData("v128.load (local.get 1)", 65530)]
    [InlineData("i32.load16_u (i32.const 65535)", 0)]
    [InlineData("i32.load offset=65533 (i32.const 1)", 0)]
    [InlineData("f32.load (local.get 1)", 65533)]
    [InlineData("v128.load8x8_u (local.get 1)", 65530)]
    [InlineData("v128.load64_zero (i32.const 65529)", 0)]
    [InlineData("v128.load32_splat (local.get 1)", 65533)]
    [InlineData("v128.load16_lane 3 (local.get 1) (v128.const i64x2 0 0)", 65535)]
    public void AnUnusedLoadAtAConstantAddressTrapsAfterAnotherAccess(string load, int local)
    {
        // from binaryen's fuzzer (seed 694716116): after an access at a constant address RyuJIT took base + constant
        // for valid and dropped the unused load; a local holding a constant is the same to RyuJIT
        string wat = $$"""
            (module (memory 1)
              (func (export "f") (param i32) (result i32) (local i32)
                (local.set 1 (i32.const {{local}}))
                (drop (i32.load8_u (i32.const 0)))
                (drop ({{load}}))
                (i32.const 7))
              (func (export "g") (param i32) (result i32) (local i32 i32)
                (local.set 1 (i32.const {{local}}))
                (loop $l
                  (drop (i32.load8_u (i32.const 0)))
                  (local.set 2 (i32.add (local.get 2) (i32.load8_u (i32.const 1))))
                  (br_if $l (i32.lt_u (local.tee 0 (i32.add (local.get 0) (i32.const 1))) (i32.const 3)))
                  (drop ({{load}})))
                (local.get 2))
              (func (export "h") (param i32) (result i32) (local i32 i32)
                (local.set 1 (i32.const {{local}}))
                (local.set 2 (i32.load8_u (local.get 1)))
                (drop ({{load}}))
                (local.get 2)))
            """;
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, wat);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => inst.GetFunction("f")!.Invoke(0)).Kind);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => inst.GetFunction("g")!.Invoke(0)).Kind);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => inst.GetFunction("h")!.Invoke(0)).Kind);
    }

    [Theory]
    [InlineData("i32.load8_u offset=1", 1)]
    [InlineData("i32.load16_u offset=1", 2)]
    [InlineData("i32.load offset=1", 4)]
    [InlineData("i64.load offset=1", 8)]
    [InlineData("f64.load offset=1", 8)]
    [InlineData("v128.load offset=1", 16)]
    [InlineData("v128.load8x8_s offset=1", 8)]
    [InlineData("v128.load32_zero offset=1", 4)]
    public void AnUnusedLoadNextToAUsedOneAtTheSameAddressTraps(string load, int size)
    {
        // RyuJIT may share base + address between the two accesses (CSE) and, once the used one has dereferenced it,
        // take the unused one at a small offset from it for valid
        string wat = $$"""
            (module (memory 1)
              (func (export "f") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load8_u (local.get 0)))
                (drop ({{load}} (local.get 0)))
                (local.get 1))
              (func (export "g") (param i32) (result i32) (local i32)
                (local.set 1 (i32.load8_u (local.get 0)))
                (local.set 1 (i32.add (local.get 1) (i32.load8_u (local.get 0))))
                (drop ({{load}} (local.get 0)))
                (local.get 1)))
            """;
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, wat);
        foreach (var name in new[] { "f", "g" })
        {
            var f = inst.GetFunction(name)!;
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => f.Invoke(65536 - size)).Kind);
            f.Invoke(65535 - size);
        }
    }

    [Theory]
    [InlineData("(f64.store (i32.const {0}) (f64.add (f64.load offset=3 (local.get 0)) (f64.const 1)))", 3, 8)]
    [InlineData("(f64.store (i32.const {0}) (f64.mul (local.tee 1 (f64.load (local.get 0))) (f64.load (i32.const 8))))", 0, 8)]
    [InlineData("(i64.store (i32.const {0}) (i64.load (local.get 0)))", 0, 8)]
    [InlineData("(i64.store (i32.const {0}) (i64.and (i64.load (local.get 0)) (i64.const 0)))", 0, 8)]
    [InlineData("(i64.store32 (i32.const {0}) (i64.load (local.get 0)))", 0, 8)]
    [InlineData("(v128.store (i32.const {0}) (f32x4.add (v128.load offset=1 (local.get 0)) (v128.const f32x4 1 1 1 1)))", 1, 16)]
    [InlineData("(v128.store (i32.const {0}) (v128.and (v128.load (local.get 0)) (v128.const i64x2 0 0)))", 0, 16)]
    [InlineData("(f32.store (i32.const {0}) (f32.demote_f64 (f64.sqrt (f64.load (local.get 0)))))", 0, 8)]
    [InlineData("(i32.store8 (i32.const {0}) (i32.load (local.get 0)))", 0, 4)]
    [InlineData("(i32.store16 (i32.const {0}) (i32.add (i32.load offset=2 (local.get 0)) (i32.const 1)))", 2, 4)]
    [InlineData("(i32.store8 (i32.const {0}) (i32.load16_u (local.get 0)))", 0, 2)]
    [InlineData("(i64.store8 (i32.const {0}) (i64.load (local.get 0)))", 0, 8)]
    [InlineData("(i64.store16 (i32.const {0}) (i64.load32_u (local.get 0)))", 0, 4)]
    public void AWideLoadWhoseValueIsStoredTrapsBeforeTheStore(string body, int offset, int size)
    {
        // a wide load whose value surely reaches a store is not probed (FunctionEmitter.StoredLoads.cs): it must
        // still trap whole, before the store writes; the integer ones RyuJIT may fold or narrow keep their probe;
        // a narrower store of a loaded value must not narrow the (volatile) load
        string wat = $$"""
            (module (memory (export "m") {{Pages}})
              (func (export "s") (param i32) (local f64)
                {{string.Format(body, Length - 64)}}))
            """;
        CompareAround(wat, offset, size, ["s"], compareMemory: true);
    }

    [Theory]
    [InlineData("(i32.and (i32.load16_u (local.get 0)) (i32.const 255))", 2)]
    [InlineData("(i32.and (i32.const 255) (i32.load (local.get 0)))", 4)]
    [InlineData("(i32.and (i32.load (local.get 0)) (i32.const 0xffff))", 4)]
    [InlineData("(i32.extend8_s (i32.load16_s (local.get 0)))", 2)]
    [InlineData("(i32.extend16_s (i32.load (local.get 0)))", 4)]
    [InlineData("(i32.eq (i32.and (i32.load (local.get 0)) (i32.const 255)) (local.get 1))", 4)]
    [InlineData("(i32.extend8_s (i32.xor (i32.load16_u (local.get 0)) (i32.load8_u (i32.const 0))))", 2)]
    [InlineData("(i32.and (i32.or (i32.load16_u (local.get 0)) (i32.load16_u (i32.const 0))) (i32.const 255))", 2)]
    [InlineData("(local.set 1 (i32.load16_u (local.get 0))) (i32.and (local.get 1) (i32.const 255))", 2)]
    [InlineData("(i32.and (local.tee 1 (i32.load16_u (local.get 0))) (i32.const 255))", 2)]
    [InlineData("(i32.store8 (i32.const 0) (i32.and (i32.load16_u (local.get 0)) (i32.const 255))) (i32.const 0)", 2)]
    [InlineData("(i32.trunc_f32_s (f32.convert_i32_s (i32.extend8_s (i32.load16_u (local.get 0)))))", 2)]
    [InlineData("(i32.wrap_i64 (i64.and (i64.load32_u (local.get 0)) (i64.const 255)))", 4)]
    [InlineData("(i32.extend8_s (i32.wrap_i64 (i64.load16_u (local.get 0))))", 2)]
    [InlineData("(i8x16.extract_lane_u 9 (i8x16.replace_lane 9 (v128.const i64x2 0 0) (i32.load16_u (local.get 0))))", 2)]
    [InlineData("(i16x8.extract_lane_u 3 (i16x8.replace_lane 3 (v128.const i64x2 0 0) (i32.load (local.get 0))))", 4)]
    [InlineData("(i8x16.extract_lane_u 0 (i8x16.splat (i32.load16_u (local.get 0))))", 2)]
    [InlineData("(i16x8.extract_lane_u 0 (i16x8.splat (i32.load (local.get 0))))", 4)]
    // not probed (the value is used whole, or goes into a local with more reads), and trapping whole all the same
    [InlineData("(i32.add (i32.and (local.tee 1 (i32.load16_u (local.get 0))) (i32.const 255)) (local.get 1))", 2)]
    [InlineData("(local.set 1 (i32.load16_u (local.get 0))) (i32.xor (i32.and (local.get 1) (i32.const 255)) (local.get 1))", 2)]
    [InlineData("(local.set 1 (i32.load (local.get 0))) (i32.add (i32.extend16_s (local.get 1)) (i32.extend8_s (local.get 1)))", 4)]
    [InlineData("(i32.and (i32.add (i32.load16_u (local.get 0)) (i32.const 1)) (i32.const 255))", 2)]
    [InlineData("(i32.extend8_s (i32.mul (i32.load16_u (local.get 0)) (i32.const 3)))", 2)]
    public void ANarrowLoadWhoseValueRyuJitMayNarrowTrapsWhole(string body, int size)
    {
        // RyuJIT (.NET 10) narrows even a volatile 2- or 4-byte load when only its first byte(s) are used, so that an
        // access whose last bytes lie past the end read what fitted (FunctionEmitter.NarrowLoads.cs; found by the
        // fuzzer: `i32.load16_s` into `i8x16.replace_lane`)
        string wat = $$"""
            (module (memory (export "m") {{Pages}})
              (func (export "f") (param i32) (result i32) (local i32)
                {{body}}))
            """;
        CompareAround(wat, 0, size, ["f"]);
    }

    [Fact]
    public void AdjacentStoresUpToTheEndWriteTheBytesThatFitThenTrap()
    {
        // RyuJIT may merge adjacent constant stores into one wider store: the one that fits must still be written
        string wat = $$"""
            (module (memory (export "m") {{Pages}})
              (func (export "s") (param i32)
                (i32.store8 (local.get 0) (i32.const 0x11))
                (i32.store8 offset=1 (local.get 0) (i32.const 0x22))
                (i32.store16 offset=2 (local.get 0) (i32.const 0x3344))))
            """;
        CompareAround(wat, 0, 4, ["s"], compareMemory: true);
    }

    [Fact]
    public void AccessesFollowMemoryGrow()
    {
        string wat = """
            (module (memory 1)
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "store") (param i32) (i32.store (local.get 0) (i32.const 42)))
              (func (export "grow") (result i32) (memory.grow (i32.const 1))))
            """;
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, wat);
        var load = inst.GetFunction("load")!;
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => load.Invoke(65536)).Kind);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => inst.GetFunction("store")!.Invoke(65534)).Kind);
        Assert.Equal(1, (int)inst.GetFunction("grow")!.Invoke()[0].Bits);
        inst.GetFunction("store")!.Invoke(65534);
        Assert.Equal(42, (int)load.Invoke(65534)[0].Bits);
        Assert.Equal(0, (int)load.Invoke(131068)[0].Bits);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => load.Invoke(131069)).Kind);
    }

    // $inner loops (RyuJIT inlines tiny functions, whose frames then do not appear, as with explicit checks)
    private const string Nested = """
        (module (memory 1)
          (func $inner (param i32) (result i32) (local i32 i32)
            (loop $l
              (local.set 2 (i32.add (local.get 2) (i32.load offset=4 (local.get 0))))
              (local.set 0 (i32.add (local.get 0) (i32.const 4)))
              (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (i32.const 2))))
            (local.get 2))
          (func $middle (param i32) (result i32) (i32.add (call $inner (local.get 0)) (i32.const 1)))
          (func $outer (export "outer") (param i32) (result i32) (i32.mul (call $middle (local.get 0)) (i32.const 3))))
        """;

    [Fact]
    public void ATrapInNestedCallsHasTheBacktraceOfCheckedCode()
    {
        var expected = Trap(Explicit);
        var actual = Trap(Guarded);
        Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, actual.Kind);
        Assert.Equal(expected.WasmStackTrace.Select(f => (f.FunctionIndex, f.FunctionName)), actual.WasmStackTrace.Select(f => (f.FunctionIndex, f.FunctionName)));
        Assert.Equal(["inner", "middle", "outer"], actual.WasmStackTrace.Select(f => f.FunctionName));
        // $inner has one access: a fault there names it even where RyuJIT's statements are coarser than a throw's
        Assert.NotNull(actual.WasmStackTrace[0].ModuleOffset);
        // offsets are known or not depending on where RyuJIT's statements begin, in either mode; when both know, they agree
        for (int i = 0; i < actual.WasmStackTrace.Count; i++)
            Assert.True(actual.WasmStackTrace[i].ModuleOffset is null || expected.WasmStackTrace[i].ModuleOffset is null
                || actual.WasmStackTrace[i].ModuleOffset == expected.WasmStackTrace[i].ModuleOffset, expected.Message + "\n" + actual.Message);
        Assert.StartsWith(expected.Message.Split('\n')[0], actual.Message, StringComparison.Ordinal);

        static TrapException Trap(Engine engine)
        {
            using var store = new Store(engine);
            var f = new Linker().Instantiate(store, Module.FromBytes(engine, Wat.ToBinary(Nested, debugNames: true))).GetFunction("outer")!;
            Assert.Equal(3, (int)f.Invoke(65532 - 8)[0].Bits);
            return Assert.Throws<TrapException>(() => f.Invoke(65533 - 8));
        }
    }

    [Fact]
    public void AHostFunctionsNullReferenceExceptionStaysOne()
    {
        string wat = """
            (module
              (import "env" "host" (func $host (param i32) (result i32)))
              (memory 1)
              (func (export "f") (param i32) (result i32) (i32.add (call $host (local.get 0)) (i32.load (local.get 0)))))
            """;
        foreach (var engine in new[] { Guarded, Explicit })
        {
            using var store = new Store(engine);
            var linker = new Linker().DefineFunction("env", "host", (int x) => x == 7 ? throw new NullReferenceException("host") : x);
            var f = Instantiate(engine, store, wat, linker).GetFunction("f")!;
            Assert.Equal(0, (int)f.Invoke(0)[0].Bits);
            var e = Assert.ThrowsAny<Exception>(() => f.Invoke(7));
            Assert.IsType<NullReferenceException>(e.InnerException ?? e);
            // a trap afterwards is still a trap, and the host's exception left no mark
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => f.Invoke(65535)).Kind);
            Assert.Equal(4, (int)f.Invoke(4)[0].Bits);
        }
    }

    [Fact]
    public void AGuardFaultInAHostFunctionOnAnotherThreadDoesNotMarkThisOne()
    {
        // the fault record is per thread: a NullReferenceException of this thread is not taken for another's trap
        Assert.False(GuardPageFaults.TakeFault());
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, "(module (memory 1) (func (export \"f\") (param i32) (result i32) (i32.load (local.get 0))))");
        var t = new Thread(() => Assert.Throws<TrapException>(() => inst.GetFunction("f")!.Invoke(70000)));
        t.Start();
        t.Join();
        Assert.False(GuardPageFaults.TakeFault());
    }

    [Fact]
    public void TenThousandTrapsWhileAnotherThreadForcesCollections()
    {
        using var store = new Store(Guarded);
        var inst = Instantiate(Guarded, store, Nested.Replace("(memory 1)", "(memory 1)"));
        var f = inst.GetFunction("outer")!;
        using var stop = new CancellationTokenSource();
        var gc = new Thread(() => { while (!stop.IsCancellationRequested) { GC.Collect(); Thread.Sleep(1); } }) { IsBackground = true };
        gc.Start();
        int traps = 0;
        for (int i = 0; i < 10_000; i++)
        {
            try { f.Invoke(65536 + i * 977); }
            catch (TrapException e) when (e.Kind == TrapKind.OutOfBoundsMemoryAccess) { traps++; }
            if (i % 1000 == 0) Assert.Equal(3, (int)f.Invoke(0)[0].Bits);
        }
        stop.Cancel();
        gc.Join();
        Assert.Equal(10_000, traps);
    }

    [Fact]
    public void ManyMemoriesReuseTheirTableEntries()
    {
        for (int i = 0; i < 50; i++) Churn();
        long entries = GuardPageFaults.EntriesInUse;
        int registered = GuardPageFaults.RegisteredCount;
        for (int i = 0; i < 300; i++) Churn();
        Assert.True(GuardPageFaults.EntriesInUse <= entries + 16, $"{GuardPageFaults.EntriesInUse} entries after 300 memories, {entries} before");
        Assert.True(GuardPageFaults.RegisteredCount <= registered + 16);

        static void Churn()
        {
            using var store = new Store(Guarded);
            var f = Instantiate(Guarded, store, "(module (memory 1) (func (export \"f\") (param i32) (result i32) (i32.load (local.get 0))))").GetFunction("f")!;
            Assert.Throws<TrapException>(() => f.Invoke(65535));
            Assert.Equal(0, (int)f.Invoke(65532)[0].Bits);
        }
    }

    [Fact]
    public void SinglepassAndCilTrapsBothWorkInOneProcess()
    {
        var singlepass = new Engine(new SinglepassCompiler());
        Assert.True(singlepass.MemoryPlan.GuardPages);
        string wat = "(module (memory 1) (func (export \"f\") (param i32) (result i32) (i32.load (local.get 0))))";
        using var ss = new Store(singlepass);
        using var cs = new Store(Guarded);
        var s = Instantiate(singlepass, ss, wat).GetFunction("f")!;
        var c = Instantiate(Guarded, cs, wat).GetFunction("f")!;
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => s.Invoke(65533 + i)).Kind);
            Assert.Equal(TrapKind.OutOfBoundsMemoryAccess, Assert.Throws<TrapException>(() => c.Invoke(65533 + i)).Kind);
            Assert.Equal(0, (int)s.Invoke(i)[0].Bits);
            Assert.Equal(0, (int)c.Invoke(i)[0].Bits);
        }
        Assert.Throws<NullReferenceException>(() => ((string)null!).Length);
    }

    [Theory]
    [InlineData("singlepass-first")]
    [InlineData("cil-first")]
    public async Task SinglepassAndCilTrapsWorkWhicheverHandlerIsInstalledFirst(string order)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WasmSharp.Cil.HandlerOrder.dll"));
        psi.ArgumentList.Add(order);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = await p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        Assert.True(p.ExitCode == 0 && stdout.Trim() == "ok", $"exit {p.ExitCode}: {stdout} {await stderr}");
    }

    /// <summary>The spec suite with explicit checks (<see cref="SpecSuiteTests"/> runs it on the default engines,
    /// which use guard pages here).</summary>
    [Theory]
    [MemberData(nameof(SpecSuiteTests.Scripts), MemberType = typeof(SpecSuiteTests))]
    public void SpecScriptWithExplicitChecks(string name)
    {
        var report = new WasmSharp.Wast.ScriptRunner(Explicit).Run(WasmSharp.Wast.ScriptLoader.Load(Path.Combine(WasmSharp.Wast.SharedData.SpecWast, name + ".wast")));
        Assert.True(report.Failed == 0, $"{report.Failed} failed: {string.Join("\n", report.Failures.Take(10))}");
        Assert.True(report.Skipped == 0, "skipped: " + string.Join("; ", report.SkipReasons));
    }
}
