using System.Collections.Concurrent;
using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>
/// Holds the compiler and its settings, and interns function types so that equal signatures share one id
/// (call_indirect's signature check is one integer compare). Shared freely across threads.
/// </summary>
public sealed class Engine
{
    private readonly ConcurrentDictionary<FuncType, int> _typeIds = new();
    private readonly ConcurrentDictionary<int, FuncType> _types = new();
    private int _nextTypeId;
    private long _epoch;

    /// <summary>The compiler every module of this engine is compiled with.</summary>
    public ICompiler Compiler { get; }
    /// <summary>Runs what <see cref="Compiler"/> produced under <see cref="Config"/>.</summary>
    public ICodeRunner Runner { get; }
    /// <summary>The settings everything this engine compiles and runs follows.</summary>
    public EngineConfig Config { get; }

    /// <summary>How this engine's memories are reserved and checked; fixed here because code is compiled for it.</summary>
    public MemoryPlan MemoryPlan { get; }

    /// <summary>Told how far each compile has got (null: nobody asks), e.g. for a progress bar on a terminal.</summary>
    public ICompileProgress? CompileProgress { get; set; }

    /// <summary>An engine compiling with <paramref name="compiler"/>; default settings unless <paramref name="config"/> is given.</summary>
    public Engine(ICompiler compiler, EngineConfig? config = null)
    {
        Compiler = compiler;
        Config = config ?? new EngineConfig();
        MemoryPlan = MemoryPlan.For(Config);
        Runner = compiler.CreateRunner(Config);
    }

    /// <summary>The engine's epoch: starts at 0, advanced by <see cref="IncrementEpoch"/>.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    internal EpochDeadlines Deadlines { get; } = new();

    /// <summary>Advances <see cref="Epoch"/> by one and stops the running code of every store whose deadline
    /// (<see cref="Store.SetEpochDeadline"/>) it reaches, as <see cref="Store.Interrupt"/> does. Safe from any thread
    /// (typically a timer's); costs one comparison when no deadline is due, and generated code pays nothing for it.</summary>
    public void IncrementEpoch() => Deadlines.Expire(Interlocked.Increment(ref _epoch));

    /// <summary>The engine-wide id of a function type; ids start at 1 (0 never matches).</summary>
    public int TypeId(FuncType type)
    {
        if (_typeIds.TryGetValue(type, out int id)) return id;
        lock (_types)
        {
            id = _typeIds.GetOrAdd(type, _ => ++_nextTypeId);
            _types[id] = type;
            return id;
        }
    }

    /// <summary>The function type interned under <paramref name="id"/>.</summary>
    public FuncType TypeById(int id) => _types[id];
}
