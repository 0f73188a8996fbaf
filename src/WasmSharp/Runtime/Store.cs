using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Runtime.Native;

namespace WasmSharp;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals, host functions, externref handles) and
/// the native runtime state their code shares. A store and its instances are used by one thread at a time (a call
/// from a second thread while one runs throws <see cref="InvalidOperationException"/>); <see cref="Interrupt"/> and
/// <see cref="Dispose"/> may be called from any thread.
/// <para>Lifetime: <see cref="Dispose"/> frees the native state (memories, tables, globals, VM contexts) as soon as
/// no call into Wasm and no <see cref="Interrupt"/> is in progress — otherwise when the last of them returns — and
/// releases the store's hold on its modules' code. Afterwards every member of the store and of its instances,
/// functions, memories, tables and globals throws <see cref="ObjectDisposedException"/>; <see cref="Interrupt"/> does
/// nothing. A store that is dropped without Dispose is reclaimed by the GC like any object (native code refers to it
/// only weakly) and its native state is freed by a finalizer.</para>
/// </summary>
public sealed unsafe partial class Store : IDisposable
{
    private readonly StoreHandle _native = new();
    /// <summary>Targets of the native weak handles (instances, host functions), kept alive by the store.</summary>
    private readonly List<object> _owned = new();
    private readonly ExternRefs _externRefs = new();
    /// <summary>Tables and globals that can hold externref handles: the roots of <see cref="SweepExternRefs"/>.</summary>
    private readonly List<Table> _externTables = new();
    private readonly List<Global> _externGlobals = new();
    private readonly Dictionary<nint, Function> _functions = new();
    private readonly Dictionary<CompiledCode, Module> _modules = new(ReferenceEqualityComparer.Instance);
    private ExceptionDispatchInfo? _pendingException;
    /// <summary>Managed id of the thread running Wasm in this store, 0 when none.</summary>
    private int _activeThread;

    /// <summary>The engine.</summary>
    public Engine Engine { get; }
    internal StoreHandle Native => _native;
    internal RuntimeState* Runtime => _native.Runtime;

    /// <summary>A store for instances of modules compiled by <paramref name="engine"/>.</summary>
    public Store(Engine engine)
    {
        Engine = engine;
        Runtime->FuelInRegister = engine.Config.ConsumeFuel ? 1 : 0;
    }

    /// <summary>True once <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => _native.IsClosed;

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_native.IsClosed, this);

    /// <summary>Holds the native state for one host-side operation (see <see cref="StoreLease"/>).</summary>
    internal StoreLease Lease() => new(_native);

    // ---- native allocations, freed with the store ---------------------------------------------------------

    /// <summary>Zeroed native memory freed with the store; the caller holds a lease.</summary>
    internal void* AllocateNative(int bytes) => _native.Allocate(bytes);

    /// <summary>A handle native code uses to find <paramref name="target"/>; weak, the store keeps the target.</summary>
    internal nint NewHandle(object target)
    {
        lock (_owned) _owned.Add(target);
        return _native.NewWeakHandle(target);
    }

    internal void Track(Module module)
    {
        if (module.Engine != Engine) throw new ArgumentException("the module was compiled by another engine than the store's");
        module.ThrowIfDisposed();
        _native.Use(module);
        lock (_modules) _modules[module.Code] = module;
    }

    // ---- host-created objects ---------------------------------------------------------------------------

    /// <summary>A memory owned by this store, to define as an import.</summary>
    /// <exception cref="ResourceLimitException">Its address space cannot be reserved.</exception>
    public Memory CreateMemory(MemoryType type)
    {
        using var lease = Lease();
        return new Memory(this, type, "a host memory");
    }

    /// <summary>A host-created table of <paramref name="type"/>, every element <paramref name="init"/>.</summary>
    public Table CreateTable(TableType type, Value init)
    {
        using var lease = Lease();
        return new(this, type, ValueToRef(init, type.ElemType));
    }

    /// <summary>A host-created global of <paramref name="type"/> holding <paramref name="value"/>.</summary>
    public Global CreateGlobal(GlobalType type, Value value)
    {
        using var lease = Lease();
        return new(this, type, value);
    }

    /// <summary>A host function owned by this store.</summary>
    public Function CreateFunction(FuncType type, HostCallback callback)
    {
        using var lease = Lease();
        return new HostFunction(this, type, callback).Function;
    }

    // ---- references ---------------------------------------------------------------------------------------

    /// <summary>The native form of an externref: a handle number, 0 for null.</summary>
    internal nint ExternHandle(object? o) => _externRefs.HandleOf(o);

    internal object? ExternObject(nint handle) => _externRefs.ObjectOf(handle);

    internal void Track(Table table)
    {
        if (table.ElemType == ValType.ExternRef) _externTables.Add(table);
    }

    internal void Track(Global global)
    {
        if (global.Type.ValType == ValType.ExternRef) _externGlobals.Add(global);
    }

    /// <summary>Releases externref handles nothing holds. Only between calls: a running Wasm frame may hold handles
    /// in registers or on its stack, which no sweep can see.</summary>
    private void SweepExternRefs()
    {
        long scanned = 0;
        _externRefs.BeginSweep();
        foreach (var t in _externTables)
        {
            foreach (var h in t.Elements) _externRefs.Mark(h);
            scanned += t.Count;
        }
        foreach (var g in _externGlobals) _externRefs.Mark(*(nint*)g.Cell);
        lock (_owned)
        {
            foreach (var o in _owned)
            {
                if (o is Instance i) scanned += i.MarkExternRefs(_externRefs);
            }
        }
        _externRefs.EndSweep(scanned);
    }

    /// <summary>The <see cref="Function"/> for a function reference (one object per reference).</summary>
    internal Function? FunctionFor(nint funcRef)
    {
        if (funcRef == 0) return null;
        if (_functions.TryGetValue(funcRef, out var f)) return f;
        f = new Function(this, (VMFuncRef*)funcRef, null);
        _functions[funcRef] = f;
        return f;
    }

    internal void Register(Function f) => _functions.TryAdd((nint)f.FuncRef, f);

    internal Value RefToValue(nint raw, ValType type) =>
        type == ValType.FuncRef ? Value.FuncRef(FunctionFor(raw)) : Value.ExternRef(ExternObject(raw));

    internal nint ValueToRef(Value v, ValType type)
    {
        if (v.Type != type) throw new ArgumentException($"expected a {type.Name()} value, got {v.Type.Name()}");
        if (type == ValType.ExternRef) return ExternHandle(v.Ref);
        if (v.Ref is null) return 0;
        var f = (Function)v.Ref;
        if (f.Store != this) throw new ArgumentException("function belongs to another store");
        return (nint)f.FuncRef;
    }

    /// <summary>Reads a value in its native form (8 bytes, 16 for v128) at <paramref name="p"/>.</summary>
    internal Value ReadValue(void* p, ValType t) => t switch
    {
        ValType.I32 or ValType.F32 => new Value(t, *(uint*)p),
        ValType.I64 or ValType.F64 => new Value(t, *(ulong*)p),
        ValType.V128 => Value.V128(((ulong*)p)[0], ((ulong*)p)[1]),
        _ => RefToValue(*(nint*)p, t),
    };

    internal void WriteValue(void* p, Value v)
    {
        switch (v.Type)
        {
            case ValType.I32 or ValType.F32: *(ulong*)p = (uint)v.Bits; break;
            case ValType.I64 or ValType.F64: *(ulong*)p = v.Bits; break;
            case ValType.V128: ((ulong*)p)[0] = v.Bits; ((ulong*)p)[1] = v.HighBits; break;
            default: *(nint*)p = ValueToRef(v, v.Type); break;
        }
    }

    // ---- calls --------------------------------------------------------------------------------------------

    /// <summary>Releases externref handles nothing holds any more: before a call's arguments become handles, and
    /// never under a running call.</summary>
    internal void SweepExternRefsIfDue()
    {
        if (!_externRefs.ShouldSweep || Volatile.Read(ref _activeThread) != 0) return;
        using var lease = Lease();
        SweepExternRefs();
    }

    /// <summary>Calls a function: arguments are checked against its type; traps become <see cref="TrapException"/>
    /// and host exceptions are re-thrown unchanged.</summary>
    internal Value[] Call(Function f, ReadOnlySpan<Value> args)
    {
        var results = new Value[f.Type.Results.Length];
        f.Invoke(args, results);
        return results;
    }

    /// <summary>Runs a call through the compiler's entry path with the stack limit and interrupt state set up. The
    /// outermost call holds a reference to the native state, so a Dispose meanwhile takes effect when it returns.</summary>
    internal void Enter(VMFuncRef* func, FuncType type, ulong* area)
    {
        int me = Environment.CurrentManagedThreadId;
        bool outermost = Volatile.Read(ref _activeThread) != me;
        if (outermost && Engine.Config.Deterministic) DeterministicStack.Check(Engine.Config);
        if (outermost) BeginOutermostCall(me);
        // deterministic stack budget: full for the outermost call; a trap leaves it wherever the unwound frames
        // had taken it, so every call (a host function's re-entry too) puts back what it found
        int stackHeight = outermost ? Engine.Config.MaxStackHeight : Runtime->StackHeightLeft;
        Runtime->StackHeightLeft = stackHeight;
        try
        {
            var status = Engine.Runner.Invoke(func, type, area, Runtime);
            if (status != TrapKind.None) ThrowTrap(status);
            // the call returned, but the resource limiter threw under it (the grow failed, the call went on)
            if (_pendingException is not null) TakePendingException()!.Throw();
        }
        finally
        {
            Runtime->StackHeightLeft = stackHeight;
            if (outermost) EndOutermostCall();
        }
    }

    private void BeginOutermostCall(int thread)
    {
        _native.AddRef();
        if (Interlocked.CompareExchange(ref _activeThread, thread, 0) != 0)
        {
            _native.Release();
            throw new InvalidOperationException("the store is running a call on another thread; a store is used by one thread at a time");
        }
        SetStackLimit();
    }

    private void EndOutermostCall()
    {
        Volatile.Write(ref _activeThread, 0);
        _native.Release();
    }

    /// <summary>Throws for a call that ended with <paramref name="status"/>: the host's exception unchanged, else a
    /// trap. Reads the native state, so it runs while the call still holds its reference.</summary>
    [DoesNotReturn]
    private void ThrowTrap(TrapKind status)
    {
        // Only a stop request (RequestStop) forces the limit to the maximum: an interrupt, a deadline, a limiter error.
        if (status == TrapKind.CallStackExhausted && StopForced()) status = TakeStopReason();
        // the CIL compiler's unwinds force their instances' loop-header copies: put every copy back
        else SyncLoopLimits();
        // a host function's exception, or the resource limiter's, goes to the caller unchanged
        TakePendingException()?.Throw();
        var frames = Backtrace(out bool cutShort);
        throw new TrapException(status, frames) { WasmStackTraceCutShort = cutShort };
    }

    /// <summary>
    /// Whether a stop request forced the check that failed: a request bit, the forced limit, or the loop headers'
    /// copies. The copies are read under their lock: a stop request's sync may have read the forced limit just
    /// before this call's <see cref="SetStackLimit"/> put the real one back and skipped its own sync (the flag was not
    /// published yet), then forced the copies while the call ran, after the previous call had consumed the request's
    /// bit; the loop check that failed was such a copy, and the call was stopped, not out of stack (seen once in
    /// <c>LifetimeStressTests</c> as "call stack exhausted").
    /// </summary>
    private bool StopForced()
    {
        if (Volatile.Read(ref Runtime->InterruptRequested) != 0 || Volatile.Read(ref Runtime->StackLimit) == nuint.MaxValue) return true;
        using var _ = _loopLimitGate.EnterScope();
        return _loopLimitsForced;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetStackLimit()
    {
        byte here;
        nuint sp = (nuint)(&here);
        nuint low = (nuint)ThreadStack.Low;
        nuint budget = (nuint)Engine.Config.EffectiveWasmStackBytes();
        // leave room below the Wasm frames for host functions and the runtime itself
        nuint limit = sp > budget ? sp - budget : 0;
        if (low != 0 && limit < low + ThreadStack.Reserve) limit = low + ThreadStack.Reserve;
        Runtime->SavedStackLimit = limit;
        Volatile.Write(ref Runtime->StackLimit, limit);
        if (EpochDeadlinePassed) Interlocked.Or(ref Runtime->InterruptRequested, (int)StopRequest.EpochDeadline);
        if (Volatile.Read(ref Runtime->InterruptRequested) != 0) Volatile.Write(ref Runtime->StackLimit, nuint.MaxValue);
        // the loop headers' copies: only when they or the limit say "stop" (an outermost call normally pays nothing)
        if (Volatile.Read(ref _loopLimitsForced) || Volatile.Read(ref Runtime->StackLimit) == nuint.MaxValue) SyncLoopLimits();
    }

    /// <summary>Asks running code to stop: it traps with <see cref="TrapKind.Interrupted"/> at the next function
    /// entry or loop back-edge. Safe to call from any thread; after <see cref="Dispose"/> it does nothing.</summary>
    public void Interrupt() => RequestStop(StopRequest.Interrupt);

    // ---- fuel ---------------------------------------------------------------------------------------------

    /// <summary>Fuel given to the store over its life (every raise of <see cref="Fuel"/>), less every lowering.</summary>
    private long _fuelGranted;

    /// <summary>
    /// The fuel <b>remaining</b>: what the store's calls may still consume before they trap with
    /// <see cref="TrapKind.OutOfFuel"/>. A new store has 0. Setting it replaces the budget (a refill is
    /// <c>store.Fuel += n</c>); it may be read and set between calls or from inside a host function, and the calling
    /// Wasm code sees the new value at its next charge (every charge point follows a call). A block that traps for
    /// want of fuel is not charged: the remainder stays what it was, too little for that block. (While Wasm code
    /// runs, Singlepass keeps the figure in a register and writes it back whenever control leaves Wasm code: a host
    /// function, a runtime call, a return or a trap; read from another thread meanwhile, it is that last figure.)
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine does not meter (<see cref="EngineConfig.ConsumeFuel"/>).</exception>
    public long Fuel
    {
        get
        {
            ThrowIfNoFuel();
            using var lease = Lease();
            return Runtime->Fuel;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ThrowIfNoFuel();
            using var lease = Lease();
            _fuelGranted += value - Runtime->Fuel;
            Runtime->Fuel = value;
        }
    }

    /// <summary>The fuel <b>consumed</b> by this store's code so far: the cost of every basic block it entered
    /// (charged in full on entry, see <see cref="Compilers.MeteringPlan"/>), plus the variable costs of
    /// <see cref="Compilers.FuelCosts"/>: per byte or element of a bulk operator that ran, per page of a
    /// <c>memory.grow</c> and per element of a <c>table.grow</c> that succeeded. A grow that fails (over its maximum,
    /// refused by the <see cref="Limiter"/>, out of memory, or because the fuel left cannot pay for it) consumes only
    /// its block's fixed cost. In all, everything given through <see cref="Fuel"/> that is no longer remaining.</summary>
    public long FuelConsumed
    {
        get
        {
            ThrowIfNoFuel();
            using var lease = Lease();
            return _fuelGranted - Runtime->Fuel;
        }
    }

    private void ThrowIfNoFuel()
    {
        if (!Engine.Config.ConsumeFuel)
            throw new InvalidOperationException("fuel is not enabled: set EngineConfig.ConsumeFuel");
    }

    internal void ParkException(Exception e) => _pendingException = ExceptionDispatchInfo.Capture(e);

    private ExceptionDispatchInfo? TakePendingException()
    {
        var e = _pendingException;
        _pendingException = null;
        if (e is not null) Interlocked.And(ref Runtime->InterruptRequested, ~(int)StopRequest.HostError);
        return e;
    }

    /// <summary>A trap keeps at most this many frames (stack exhaustion leaves tens of thousands): the frames
    /// Singlepass's unwinder records (<see cref="RuntimeState.MaxTrapFrames"/>).</summary>
    public const int MaxBacktraceFrames = RuntimeState.MaxTrapFrames;

    /// <summary>The innermost <see cref="MaxBacktraceFrames"/> frames. The compilers cap their own walks (Singlepass at
    /// this many, CIL at more) without saying whether frames were left, so a walk that reached the cap is reported as
    /// <paramref name="cutShort"/>: exact but for a stack exactly that deep.</summary>
    private List<WasmFrame> Backtrace(out bool cutShort)
    {
        var frames = new List<WasmFrame>();
        var walked = Engine.Runner.Backtrace(Runtime);
        cutShort = walked.Count >= MaxBacktraceFrames;
        foreach (var (code, index, offset) in walked.Take(MaxBacktraceFrames))
        {
            _modules.TryGetValue(code, out var module);
            uint funcIndex = (uint)(index + (module?.Info.ImportedFunctionCount ?? 0));
            var body = module is not null && (uint)index < (uint)module.Info.SourceBodies.Count ? module.Info.SourceBodies[index] : default;
            // an offset outside the function's body would be a wrong answer: report it unknown instead
            bool known = offset >= body.Offset && offset < body.Offset + body.Length;
            frames.Add(new WasmFrame(module?.Name, funcIndex, module?.Info.FunctionName(funcIndex))
            {
                ModuleOffset = known ? offset : null,
                FunctionOffset = known ? offset - body.Offset : null,
            });
        }
        return frames;
    }

    /// <summary>Frees the store's native state now, or when the call or interrupt in progress returns; see the
    /// lifetime rules above. Calling it again does nothing.</summary>
    public void Dispose() => _native.Dispose();
}

/// <summary>The calling thread's stack bounds, looked up once per thread.</summary>
internal static class ThreadStack
{
    /// <summary>Stack kept free below Wasm frames for host calls, the runtime and signal delivery.</summary>
    public const int Reserve = 256 * 1024;

    [ThreadStatic] private static nint _low;
    [ThreadStatic] private static bool _known;

    public static nint Low
    {
        get
        {
            if (!_known)
            {
                _low = VirtualMemory.CurrentThreadStackLow();
                _known = true;
            }
            return _low;
        }
    }
}
