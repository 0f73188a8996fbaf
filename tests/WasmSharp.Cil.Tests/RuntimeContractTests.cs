using static WasmSharp.ValType;

namespace WasmSharp.Cil.Tests;

/// <summary>What the spec suite does not show: host calls both ways, interrupts, exhaustion without a crash.</summary>
public class RuntimeContractTests
{
    private const byte Call = 0x10, LocalGet = 0x20, I32Const = 0x41, I32Add = 0x6A, Loop = 0x03, Br = 0x0C, Empty = 0x40;

    private static readonly Engine Engine = new(new CilCompiler());

    private static Instance Instantiate(Store store, WasmBuilder b, Linker? linker = null) =>
        (linker ?? new Linker()).Instantiate(store, Module.FromBytes(Engine, b.Build()));

    [Fact]
    public void HostExceptionReachesTheCallerUnchanged()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        int t = b.Type([], []);
        int host = b.Import("env", "boom", t);
        b.Export("run", b.Func(t, Call, (byte)host));
        var linker = new Linker().Define("env", "boom", store.CreateFunction(new FuncType([], []), (_, _) => throw new InvalidTimeZoneException("from host")));
        var run = Instantiate(store, b, linker).GetFunction("run")!;
        var e = Assert.Throws<InvalidTimeZoneException>(() => run.Invoke());
        Assert.Equal("from host", e.Message);
        // the store stays usable
        Assert.Throws<InvalidTimeZoneException>(() => run.Invoke());
    }

    [Fact]
    public void HostFunctionWithSeveralResults()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        int hostType = b.Type([I32], [I32, I64, F64]);
        int host = b.Import("env", "split", hostType);
        b.Export("run", b.Func(b.Type([I32], [I32, I64, F64]), LocalGet, 0, Call, (byte)host));
        var linker = new Linker().Define("env", "split", store.CreateFunction(new FuncType([I32], [I32, I64, F64]),
            (args, results) =>
            {
                int x = args[0].AsInt32();
                results[0] = Value.I32(x + 1);
                results[1] = Value.I64((long)x << 40);
                results[2] = Value.F64(x / 2.0);
            }));
        var r = Instantiate(store, b, linker).GetFunction("run")!.Invoke(Value.I32(7));
        Assert.Equal(8, r[0].AsInt32());
        Assert.Equal(7L << 40, (long)r[1].Bits);
        Assert.Equal(3.5, BitConverter.UInt64BitsToDouble(r[2].Bits));
    }

    [Fact]
    public void TrapInNestedCallFromHostPropagates()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        int t = b.Type([], []);
        int host = b.Import("env", "reenter", t);
        b.Export("outer", b.Func(t, Call, (byte)host));
        b.Export("inner", b.Func(t, 0x00)); // unreachable
        Function? inner = null;
        var linker = new Linker().Define("env", "reenter", store.CreateFunction(new FuncType([], []), (_, _) => inner!.Invoke()));
        var instance = Instantiate(store, b, linker);
        inner = instance.GetFunction("inner");
        var e = Assert.Throws<TrapException>(() => instance.GetFunction("outer")!.Invoke());
        Assert.Equal(TrapKind.Unreachable, e.Kind);
    }

    [Fact]
    public void TrapsCarryAWasmBacktrace()
    {
        foreach (var engine in new[] { Engine, new Engine(new CilCompiler { LazyThreshold = 0 }) })
        {
            using var store = new Store(engine);
            var b = new WasmBuilder();
            int t = b.Type([], []);
            int inner = b.Func(t, 0x00); // unreachable
            b.Export("outer", b.Func(t, Call, (byte)inner));
            var outer = new Linker().Instantiate(store, Module.FromBytes(engine, b.Build())).GetFunction("outer")!;
            var e = Assert.Throws<TrapException>(() => outer.Invoke());
            Assert.Equal([0u, 1u], e.WasmStackTrace.Select(f => f.FunctionIndex));
        }
    }

    [Fact]
    public void InfiniteRecursionTrapsAndTheStoreRecovers()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        int t = b.Type([I32], [I32]);
        // f(x) = f(x + 1) + 1: never returns
        b.Export("f", b.Func(t, LocalGet, 0, I32Const, 1, I32Add, Call, 0, I32Const, 1, I32Add));
        var f = Instantiate(store, b).GetFunction("f")!;
        for (int i = 0; i < 3; i++)
            Assert.Equal(TrapKind.CallStackExhausted, Assert.Throws<TrapException>(() => f.Invoke(Value.I32(0))).Kind);
    }

    [Fact]
    public void ExhaustionOnASmallThreadStackDoesNotCrash()
    {
        TrapKind? kind = null;
        var thread = new Thread(() =>
        {
            using var store = new Store(Engine);
            var b = new WasmBuilder();
            int t = b.Type([], []);
            b.Export("f", b.Func(t, Call, 0));
            try { Instantiate(store, b).GetFunction("f")!.Invoke(); }
            catch (TrapException e) { kind = e.Kind; }
        }, 512 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(TrapKind.CallStackExhausted, kind);
    }

    [Fact]
    public void InterruptStopsAnInfiniteLoop()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        b.Export("spin", b.Func(b.Type([], []), Loop, Empty, Br, 0, 0x0B));
        var spin = Instantiate(store, b).GetFunction("spin")!;
        using var timer = new Timer(_ => store.Interrupt(), null, 200, Timeout.Infinite);
        var e = Assert.Throws<TrapException>(() => spin.Invoke());
        Assert.Equal(TrapKind.Interrupted, e.Kind);
    }

    [Fact]
    public void HostFunctionTakesArgumentsAndReturnsAResult()
    {
        using var store = new Store(Engine);
        var b = new WasmBuilder();
        int t = b.Type([I32, I32], [I32]);
        int host = b.Import("env", "add", t);
        b.Export("run", b.Func(t, LocalGet, 0, LocalGet, 1, Call, (byte)host, I32Const, 1, I32Add));
        var linker = new Linker().Define("env", "add", store.CreateFunction(new FuncType([I32, I32], [I32]),
            (a, r) => r[0] = Value.I32(a[0].AsInt32() + a[1].AsInt32())));
        Assert.Equal(6, Instantiate(store, b, linker).GetFunction("run")!.Invoke(Value.I32(2), Value.I32(3))[0].AsInt32());
    }
}

/// <summary>Exhaustion by functions whose frames are huge (tens of thousands of locals).</summary>
public class LargeFrameTests
{
    [Fact]
    public void RecursionWithHugeFramesTraps()
    {
        // on a small stack the limit is the stack's low end plus the runtime's reserve: a frame bigger than that
        // reserve must still trap, not overflow
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { Run(); }
            catch (Exception e) { error = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
    }

    private static void Run()
    {
        var engine = new Engine(new CilCompiler());
        using var store = new Store(engine);
        var b = new WasmBuilder();
        int t = b.Type([ValType.I64], [ValType.I64]);
        // 40000 v128 locals (640 KB), all live across the recursive call
        const int n = 40000;
        var decls = new List<byte>();
        decls.AddRange(WasmBuilder.U32(1));
        decls.AddRange(WasmBuilder.U32(n));
        decls.Add((byte)ValType.V128);
        var code = new List<byte>();
        for (int k = 1; k <= n; k++)
        {
            code.AddRange([0x20, 0, 0xFD, 0x12, 0x21]); // local.get 0; i64x2.splat; local.set k
            code.AddRange(WasmBuilder.U32(k));
        }
        code.AddRange([0x20, 0, 0x10, 0]); // f(local 0)
        for (int k = 1; k <= n; k++)
        {
            code.Add(0x20);
            code.AddRange(WasmBuilder.U32(k));
            code.AddRange([0xFD, 0x1D, 0, 0x7C]); // i64x2.extract_lane 0; i64.add
        }
        b.Export("f", b.FuncWithLocals(t, decls.ToArray(), code.ToArray()));
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, b.Build())).GetFunction("f")!;
        var e = Assert.Throws<TrapException>(() => f.Invoke(Value.I64(1)));
        Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
    }
}
