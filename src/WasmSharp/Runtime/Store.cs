using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Runtime.Native;

namespace WasmSharp;

/// <summary>
/// Owns instances and everything they create (memories, tables, globals, host functions, externref handles) and
/// the native runtime state their code shares. A store and its instances are used by one thread at a time;
/// <see cref="Interrupt"/> is the one call another thread may make.
/// </summary>
public sealed unsafe class Store : IDisposable
{
    private readonly List<nint> _allocations = new();
    private readonly List<Action> _onDispose = new();
    private readonly List<object?> _externRefs = [null];
    private readonly Dictionary<object, nint> _externHandles = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<nint, Function> _functions = new();
    private readonly Dictionary<CompiledCode, Module> _modules = new(ReferenceEqualityComparer.Instance);
    private readonly List<Memory> _memories = new();
    private readonly List<GCHandle> _handles = new();
    private ExceptionDispatchInfo? _pendingException;
    private int _depth;
    private bool _disposed;

    public Engine Engine { get; }
    internal RuntimeState* Runtime { get; }

    public Store(Engine engine)
    {
        Engine = engine;
        Runtime = (RuntimeState*)AllocateNative(sizeof(RuntimeState));
    }

    // ---- native allocations, freed with the store ---------------------------------------------------------

    internal void* AllocateNative(int bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        void* p = NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 16), 16);
        NativeMemory.Clear(p, (nuint)Math.Max(bytes, 16));
        _allocations.Add((nint)p);
        return p;
    }

    internal void OnDispose(Action action) => _onDispose.Add(action);

    internal nint NewHandle(object target)
    {
        var h = GCHandle.Alloc(target);
        _handles.Add(h);
        return GCHandle.ToIntPtr(h);
    }

    internal void Track(Memory memory) => _memories.Add(memory);
    internal void Track(Module module) => _modules[module.Code] = module;

    // ---- host-created objects ---------------------------------------------------------------------------

    /// <summary>A memory owned by this store, to define as an import.</summary>
    public Memory CreateMemory(MemoryType type)
    {
        var m = new Memory(type);
        Track(m);
        return m;
    }

    public Table CreateTable(TableType type, Value init) => new(this, type, ValueToRef(init, type.ElemType));

    public Global CreateGlobal(GlobalType type, Value value) => new(this, type, value);

    /// <summary>A host function owned by this store.</summary>
    public Function CreateFunction(FuncType type, HostCallback callback) => new HostFunction(this, type, callback).Function;

    // ---- references ---------------------------------------------------------------------------------------

    /// <summary>The native form of an externref: a handle number, 0 for null.</summary>
    internal nint ExternHandle(object? o)
    {
        if (o is null) return 0;
        if (_externHandles.TryGetValue(o, out var h)) return h;
        h = _externRefs.Count;
        _externRefs.Add(o);
        _externHandles[o] = h;
        return h;
    }

    internal object? ExternObject(nint handle) => handle == 0 ? null : _externRefs[(int)handle];

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

    /// <summary>Calls a function: arguments are checked against its type; traps become <see cref="TrapException"/>
    /// and host exceptions are re-thrown unchanged.</summary>
    internal Value[] Call(Function f, ReadOnlySpan<Value> args)
    {
        var type = f.Type;
        if (args.Length != type.Params.Length) throw new ArgumentException($"expected {type.Params.Length} arguments, got {args.Length}");
        int areaBytes = ValueLayout.AreaSize(type);
        ulong* area = stackalloc ulong[Math.Max(areaBytes / 8, 2)];
        int offset = 0;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].Type != type.Params[i]) throw new ArgumentException($"argument {i}: expected {type.Params[i].Name()}, got {args[i].Type.Name()}");
            WriteValue((byte*)area + offset, args[i]);
            offset += ValueLayout.SlotSize(type.Params[i]);
        }
        Enter(f.FuncRef, type, area);
        var results = new Value[type.Results.Length];
        offset = 0;
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = ReadValue((byte*)area + offset, type.Results[i]);
            offset += ValueLayout.SlotSize(type.Results[i]);
        }
        return results;
    }

    /// <summary>Runs a call through the compiler's entry path with the stack limit and interrupt state set up.</summary>
    internal void Enter(VMFuncRef* func, FuncType type, ulong* area)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        bool outermost = _depth++ == 0;
        if (outermost) SetStackLimit();
        TrapKind status;
        try
        {
            status = Engine.Runner.Invoke(func, type, area, Runtime);
        }
        finally
        {
            _depth--;
        }
        if (status == TrapKind.None) return;
        if (status == TrapKind.HostException && TakePendingException() is { } pending) pending.Throw();
        if (status == TrapKind.CallStackExhausted && Volatile.Read(ref Runtime->InterruptRequested) != 0)
        {
            Runtime->InterruptRequested = 0;
            Runtime->StackLimit = Runtime->SavedStackLimit;
            status = TrapKind.Interrupted;
        }
        throw new TrapException(status, Backtrace());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SetStackLimit()
    {
        byte here;
        nuint sp = (nuint)(&here);
        nuint low = (nuint)ThreadStack.Low;
        nuint budget = (nuint)Engine.Config.MaxWasmStackBytes;
        // leave room below the Wasm frames for host functions and the runtime itself
        nuint limit = sp > budget ? sp - budget : 0;
        if (low != 0 && limit < low + ThreadStack.Reserve) limit = low + ThreadStack.Reserve;
        Runtime->SavedStackLimit = limit;
        Volatile.Write(ref Runtime->StackLimit, limit);
        if (Volatile.Read(ref Runtime->InterruptRequested) != 0) Volatile.Write(ref Runtime->StackLimit, nuint.MaxValue);
    }

    /// <summary>Asks running code to stop: it traps with <see cref="TrapKind.Interrupted"/> at the next function
    /// entry or loop back-edge. Safe to call from any thread.</summary>
    public void Interrupt()
    {
        Volatile.Write(ref Runtime->InterruptRequested, 1);
        Volatile.Write(ref Runtime->StackLimit, nuint.MaxValue);
    }

    internal void ParkException(Exception e) => _pendingException = ExceptionDispatchInfo.Capture(e);

    private ExceptionDispatchInfo? TakePendingException()
    {
        var e = _pendingException;
        _pendingException = null;
        return e;
    }

    private List<WasmFrame> Backtrace()
    {
        var frames = new List<WasmFrame>();
        foreach (var (code, index) in Engine.Runner.Backtrace(Runtime))
        {
            _modules.TryGetValue(code, out var module);
            uint funcIndex = (uint)(index + (module?.Info.ImportedFunctionCount ?? 0));
            frames.Add(new WasmFrame(module?.Name, funcIndex, module?.Info.FunctionName(funcIndex)));
        }
        return frames;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var a in _onDispose) a();
        foreach (var m in _memories) m.Dispose();
        foreach (var h in _handles) h.Free();
        foreach (var p in _allocations) NativeMemory.AlignedFree((void*)p);
        _allocations.Clear();
        GC.SuppressFinalize(this);
    }

    ~Store()
    {
        // handles keep instances alive; native memory must still go back
        foreach (var p in _allocations) NativeMemory.AlignedFree((void*)p);
    }
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
                _low = Libc.CurrentThreadStackLow();
                _known = true;
            }
            return _low;
        }
    }
}
