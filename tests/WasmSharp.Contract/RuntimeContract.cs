using WasmSharp.Text;
using static WasmSharp.ValType;

namespace WasmSharp.Contract;

/// <summary>
/// The runtime's guarantees, checked against every compiler and target (a <see cref="ContractBackend"/>): traps with
/// backtraces, host exceptions, host calls both ways and re-entrancy, stack exhaustion, interruption, memory growth,
/// guard-page traps while another thread forces GCs, link errors. Plain methods that throw on a violation, so that
/// xunit (on x64) and the console runner (on AArch64 under qemu) run the same code.
/// </summary>
public static class RuntimeContract
{
    /// <summary>Every check by name, in a fixed order (no reflection: the runner is a NativeAOT program).</summary>
    public static readonly IReadOnlyList<(string Name, Action<ContractBackend> Run)> All =
    [
        (nameof(TypedCallsOfExports), TypedCallsOfExports),
        (nameof(TrapsCarryKindAndWasmBacktraceWithNames), TrapsCarryKindAndWasmBacktraceWithNames),
        (nameof(HostExceptionsPropagateUnchanged), HostExceptionsPropagateUnchanged),
        (nameof(HostFunctionWithSeveralResults), HostFunctionWithSeveralResults),
        (nameof(ReentrancyWasmHostWasmHost), ReentrancyWasmHostWasmHost),
        (nameof(ATrapInANestedCallFromTheHostPropagates), ATrapInANestedCallFromTheHostPropagates),
        (nameof(DeepRecursionTrapsCallStackExhausted), DeepRecursionTrapsCallStackExhausted),
        (nameof(ExhaustionOnASmallThreadStackDoesNotCrash), ExhaustionOnASmallThreadStackDoesNotCrash),
        (nameof(StackBudgetIsConfigurable), StackBudgetIsConfigurable),
        (nameof(AnotherThreadCanInterruptAnInfiniteLoop), AnotherThreadCanInterruptAnInfiniteLoop),
        (nameof(MemoryGrowsWithoutMovingAndHonoursItsMaximum), MemoryGrowsWithoutMovingAndHonoursItsMaximum),
        (nameof(MissingAndMismatchedImportsAreLinkErrors), MissingAndMismatchedImportsAreLinkErrors),
        (nameof(FaultsInWasmAreTrapsAndFaultsInDotnetStillNullReferences), FaultsInWasmAreTrapsAndFaultsInDotnetStillNullReferences),
        (nameof(ExplicitBoundsChecksRemainAvailable), ExplicitBoundsChecksRemainAvailable),
    ];

    private static Instance Instantiate(ContractBackend backend, string wat, Linker? linker = null, Store? store = null, EngineConfig? config = null)
    {
        store ??= new Store(backend.Engine(config));
        return (linker ?? new Linker()).Instantiate(store, Module.FromBytes(store.Engine, Wat.ToBinary(wat)));
    }

    public static void TypedCallsOfExports(ContractBackend backend)
    {
        var instance = Instantiate(backend, """
            (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
                    (func (export "mul64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
                    (func (export "half") (param f64) (result f64) local.get 0 f64.const 0.5 f64.mul))
            """);
        Expect.Equal(3, instance.GetFunction<int, int, int>("add")(1, 2));
        Expect.Equal(-6L, instance.GetFunction<long, long, long>("mul64")(2, -3));
        Expect.Equal(1.25, instance.GetFunction<double, double>("half")(2.5));
        Expect.Equal(7, instance.GetFunction("add")!.Invoke(3, 4)[0].AsInt32());
        Expect.Throws<ArgumentException>(() => instance.GetFunction<long, int>("add"));
    }

    public static void TrapsCarryKindAndWasmBacktraceWithNames(ContractBackend backend)
    {
        var engine = backend.Engine();
        var bytes = WasmNames.WithFunctionNames(Wat.ToBinary("""
            (module
              (func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
              (func $outer (export "run") (param i32) (result i32) local.get 0 call $inner))
            """), "inner", "outer");
        var instance = new Linker().Instantiate(new Store(engine), Module.FromBytes(engine, bytes));
        var trap = Expect.Throws<TrapException>(() => instance.GetFunction<int, int>("run")(5));
        Expect.Equal(TrapKind.IntegerDivideByZero, trap.Kind);
        Expect.Sequence(["inner", "outer"], trap.WasmStackTrace.Select(f => f.FunctionName));
        Expect.Sequence([0u, 1u], trap.WasmStackTrace.Select(f => f.FunctionIndex));
        Expect.Contains("integer divide by zero", trap.Message);
    }

    private sealed class HostFailure : Exception;

    public static void HostExceptionsPropagateUnchanged(ContractBackend backend)
    {
        var linker = new Linker().DefineFunction("env", "fail", (int x) => x > 0 ? throw new HostFailure() : x);
        var instance = Instantiate(backend, """
            (module (import "env" "fail" (func $fail (param i32) (result i32)))
                    (func (export "run") (param i32) (result i32) local.get 0 call $fail i32.const 1 i32.add))
            """, linker);
        var run = instance.GetFunction<int, int>("run");
        Expect.Throws<HostFailure>(() => run(1));
        Expect.Equal(1, run(0)); // the store is usable after the exception
        Expect.Throws<HostFailure>(() => run(2));
    }

    public static void HostFunctionWithSeveralResults(ContractBackend backend)
    {
        var store = new Store(backend.Engine());
        var split = store.CreateFunction(new FuncType([I32], [I32, I64, F64]), (args, results) =>
        {
            int x = args[0].AsInt32();
            results[0] = Value.I32(x + 1);
            results[1] = Value.I64((long)x << 40);
            results[2] = Value.F64(x / 2.0);
        });
        var instance = Instantiate(backend, """
            (module (import "env" "split" (func $split (param i32) (result i32 i64 f64)))
                    (func (export "run") (param i32) (result i32 i64 f64) local.get 0 call $split))
            """, new Linker().Define("env", "split", split), store);
        var r = instance.GetFunction("run")!.Invoke(Value.I32(7));
        Expect.Equal(8, r[0].AsInt32());
        Expect.Equal(7L << 40, (long)r[1].Bits);
        Expect.Equal(3.5, BitConverter.UInt64BitsToDouble(r[2].Bits));
    }

    public static void ReentrancyWasmHostWasmHost(ContractBackend backend)
    {
        var store = new Store(backend.Engine());
        Function? back = null;
        int depth = 0;
        var linker = new Linker().DefineFunction("env", "host", (int n) =>
        {
            depth++;
            return n <= 0 ? 0 : 1 + back!.Invoke(n - 1)[0].AsInt32();
        });
        var instance = Instantiate(backend, """
            (module (import "env" "host" (func $host (param i32) (result i32)))
                    (func (export "wasm") (param i32) (result i32) local.get 0 call $host))
            """, linker, store);
        back = instance.GetFunction("wasm");
        Expect.Equal(10, instance.GetFunction<int, int>("wasm")(10));
        Expect.Equal(11, depth);
    }

    public static void ATrapInANestedCallFromTheHostPropagates(ContractBackend backend)
    {
        var store = new Store(backend.Engine());
        Function? inner = null;
        var linker = new Linker().DefineFunction("env", "reenter", new FuncType([], []), (_, _) => inner!.Invoke());
        var instance = Instantiate(backend, """
            (module (import "env" "reenter" (func $reenter))
                    (func (export "outer") call $reenter)
                    (func (export "inner") unreachable))
            """, linker, store);
        inner = instance.GetFunction("inner");
        Expect.Equal(TrapKind.Unreachable, Expect.Trap(() => instance.GetAction("outer")()));
        Expect.Equal(TrapKind.Unreachable, Expect.Trap(() => instance.GetAction("outer")()));
    }

    public static void DeepRecursionTrapsCallStackExhausted(ContractBackend backend)
    {
        var instance = Instantiate(backend, """
            (module (func $f (export "f") (param i64) (result i64) local.get 0 i64.const 1 i64.add call $f))
            """);
        // again and again: each unwind leaves the store consistent
        for (int i = 0; i < 3; i++)
            Expect.Equal(TrapKind.CallStackExhausted, Expect.Trap(() => instance.GetFunction<long, long>("f")(0)));
    }

    public static void ExhaustionOnASmallThreadStackDoesNotCrash(ContractBackend backend)
    {
        TrapKind? kind = null;
        Exception? failure = null; // an exception escaping the thread would end the process: report it here
        var thread = new Thread(() =>
        {
            try { Instantiate(backend, "(module (func $f (export \"f\") call $f))").GetAction("f")(); }
            catch (TrapException e) { kind = e.Kind; }
            catch (Exception e) { failure = e; }
        }, 512 * 1024);
        thread.Start();
        thread.Join();
        if (failure != null) throw new ContractViolation($"the thread failed: {failure}");
        Expect.Equal<TrapKind?>(TrapKind.CallStackExhausted, kind);
    }

    public static void StackBudgetIsConfigurable(ContractBackend backend)
    {
        const string wat = """
            (module (func $f (export "f") (param i32) (result i32)
              local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $f i32.const 1 i32.add end))
            """;
        var small = Instantiate(backend, wat, config: new EngineConfig { MaxWasmStackBytes = 64 * 1024 });
        Expect.Equal(TrapKind.CallStackExhausted, Expect.Trap(() => small.GetFunction<int, int>("f")(100_000)));
        var large = Instantiate(backend, wat, config: new EngineConfig { MaxWasmStackBytes = 8 << 20 });
        Expect.Equal(1000, large.GetFunction<int, int>("f")(1000));
    }

    public static void AnotherThreadCanInterruptAnInfiniteLoop(ContractBackend backend)
    {
        var store = new Store(backend.Engine());
        var instance = Instantiate(backend, "(module (func (export \"spin\") (loop br 0)))", store: store);
        using var timer = new Timer(_ => store.Interrupt(), null, 100, Timeout.Infinite);
        Expect.Equal(TrapKind.Interrupted, Expect.Trap(() => instance.GetAction("spin")()));
        // the next call runs normally
        var ok = Instantiate(backend, "(module (func (export \"one\") (result i32) i32.const 1))", store: store);
        Expect.Equal(1, ok.GetFunction<int>("one")());
    }

    public static void MemoryGrowsWithoutMovingAndHonoursItsMaximum(ContractBackend backend)
    {
        var instance = Instantiate(backend, """
            (module (memory (export "mem") 1 3)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
              (func (export "load") (param i32) (result i32) local.get 0 i32.load))
            """);
        var mem = instance.GetMemory("mem")!;
        nint basePtr = mem.BasePointer;
        Expect.Equal(1, instance.GetFunction<int, int>("grow")(1));
        Expect.Equal(2u, mem.Pages);
        Expect.Equal(-1, instance.GetFunction<int, int>("grow")(2));
        Expect.Equal(basePtr, mem.BasePointer);
        instance.GetAction<int, int>("store")(131072 - 4, 0x1234);
        Expect.Equal(0x1234, mem.Read<int>(131072 - 4));
        mem.Write(8, 77);
        Expect.Equal(77, instance.GetFunction<int, int>("load")(8));
        Expect.Equal(TrapKind.OutOfBoundsMemoryAccess, Expect.Trap(() => instance.GetFunction<int, int>("load")(131072 - 3)));
        Expect.Equal(3, mem.Grow(1) + 1);
        Expect.Equal(-1, mem.Grow(1));
    }

    public static void MissingAndMismatchedImportsAreLinkErrors(ContractBackend backend)
    {
        var e = Expect.Throws<LinkException>(() => Instantiate(backend, "(module (import \"env\" \"f\" (func)))"));
        Expect.Contains("env", e.Message);
        Expect.Contains("unknown import", e.Message);
        var linker = new Linker().DefineFunction("env", "f", (int x) => x);
        Expect.Contains("incompatible import type", Expect.Throws<LinkException>(() => Instantiate(backend, "(module (import \"env\" \"f\" (func)))", linker)).Message);
    }

    private const string OutOfBoundsWat = """
        (module (memory 1)
          (func (export "load") (param i32) (result i32) local.get 0 i32.load)
          (func (export "store") (param i32 i64) local.get 0 local.get 1 i64.store offset=4294967295))
        """;

    public static void FaultsInWasmAreTrapsAndFaultsInDotnetStillNullReferences(ContractBackend backend)
    {
        var instance = Instantiate(backend, OutOfBoundsWat);
        var load = instance.GetFunction<int, int>("load");
        object? nothing = null;
        using var cts = new CancellationTokenSource();
        // a GC-heavy thread alongside, as in platform.md's check
        var gcThread = new Thread(() => { while (!cts.IsCancellationRequested) { GC.Collect(); Thread.Sleep(1); } });
        gcThread.Start();
        for (int i = 0; i < 20_000; i++)
        {
            Expect.Equal(TrapKind.OutOfBoundsMemoryAccess, Expect.Trap(() => load(-4 - (i & 7))));
            if (i % 1000 == 0) Expect.Throws<NullReferenceException>(() => nothing!.GetHashCode());
        }
        cts.Cancel();
        gcThread.Join();
        Expect.Equal(0, load(65532));
        var store = instance.GetAction<int, long>("store");
        Expect.Equal(TrapKind.OutOfBoundsMemoryAccess, Expect.Trap(() => store(-1, 1)));
    }

    public static void ExplicitBoundsChecksRemainAvailable(ContractBackend backend)
    {
        var instance = Instantiate(backend, OutOfBoundsWat, config: new EngineConfig { SignalBasedBoundsChecks = false });
        Expect.Equal(TrapKind.OutOfBoundsMemoryAccess, Expect.Trap(() => instance.GetFunction<int, int>("load")(65533)));
        Expect.Equal(0, instance.GetFunction<int, int>("load")(65532));
    }
}
