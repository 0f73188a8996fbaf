using System.Runtime.ExceptionServices;
using WasmSharp.Compilers;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Validation;

namespace WasmSharp.Singlepass;

/// <summary>
/// How a module's functions are split for compiling: runs of consecutive functions ("chunks") of about equal code
/// size, several per worker so that unequal functions even out. One chunk (one thread) for a small module, or when
/// parallel compilation is off.
/// </summary>
internal sealed class ChunkPlan
{
    /// <summary>Below this code-section size one thread compiles everything: starting workers costs more than it saves.</summary>
    public const int MinParallelBytes = 128 * 1024;

    /// <summary>Chunks per worker: more even out a few big functions; each costs one copy of its code at layout.</summary>
    private const int ChunksPerWorker = 8;

    private const int MinChunkBytes = 16 * 1024;

    private ChunkPlan(int workers, int[] starts)
    {
        Workers = workers;
        Starts = starts;
    }

    /// <summary>Threads to compile on (at most one per chunk).</summary>
    public int Workers { get; }

    /// <summary>The first defined function of each chunk, then the function count.</summary>
    public int[] Starts { get; }

    public int Count => Starts.Length - 1;

    /// <summary>A plan for <paramref name="module"/> on up to <paramref name="threads"/> threads.</summary>
    public static ChunkPlan For(ModuleInfo module, int threads) =>
        For(module, threads, module.CodeSectionSize < MinParallelBytes ? long.MaxValue : Math.Max(MinChunkBytes, module.CodeSectionSize / ((long)threads * ChunksPerWorker)));

    /// <summary>A plan that cuts a chunk once it holds <paramref name="chunkBytes"/> of function bodies (tests use
    /// small chunks to split small modules).</summary>
    public static ChunkPlan For(ModuleInfo module, int threads, long chunkBytes)
    {
        var bodies = module.Bodies;
        if (threads <= 1 || bodies.Count < 2 || chunkBytes == long.MaxValue) return new ChunkPlan(1, [0, bodies.Count]);
        var starts = new List<int> { 0 };
        long size = 0;
        for (int i = 0; i + 1 < bodies.Count; i++)
        {
            size += bodies[i].Length;
            if (size < chunkBytes) continue;
            starts.Add(i + 1);
            size = 0;
        }
        starts.Add(bodies.Count);
        return new ChunkPlan(Math.Min(threads, starts.Count - 1), [.. starts]);
    }
}

/// <summary>A module's code as laid out for publishing: the bytes, each defined function's offset, the site map.</summary>
internal sealed class ModuleLayout(CodeBuffer buffer, int[] offsets, OffsetMap sites)
{
    public ReadOnlySpan<byte> Code => buffer.WrittenSpan;
    public int[] Offsets => offsets;
    public OffsetMap Sites => sites;
}

/// <summary>
/// Compiles a module's functions on the threads of a <see cref="ChunkPlan"/> and lays the code out exactly as one
/// thread would. Each worker has its own assembler, buffer and function compiler and takes the next chunk in
/// function order; code is position-independent within a function (branches, jump tables, constant pools and
/// AArch64 veneer islands are relative, and every function starts at the same alignment), so the chunks are copied
/// back to back (with the same padding between functions) and only direct calls, patched once every function's
/// offset is known, and the site map, whose pairs are per function, are rebased. An error surfaces as one thread
/// would report it: the first failing function's, in function order.
/// </summary>
internal sealed class ParallelModuleCompiler(ModuleInfo module, ValidationContext ctx, Target target, bool guardPages,
    EngineConfig config, ChunkPlan plan, ICompileProgress? progress)
{
    private readonly int[] _offsets = new int[module.Bodies.Count];
    private readonly Chunk[] _chunks = new Chunk[plan.Count];
    private readonly ConcurrentCompileProgress _progress = new(progress, module.Bodies.Count);
    private readonly Lock _failureLock = new();
    private int _nextChunk = -1;
    private int _firstFailed = int.MaxValue;
    private Exception? _failure;

    /// <summary>One thread's assembler and compiler, and how many functions it has compiled (its site map's count).</summary>
    private sealed class Worker(MacroAssembler masm, FunctionCompiler compiler)
    {
        public MacroAssembler Masm { get; } = masm;
        public FunctionCompiler Compiler { get; } = compiler;
        public int Functions { get; set; }
    }

    /// <summary>Where a chunk's code is in its worker's buffer, its call fix-ups in the worker's list, and its first
    /// function among the worker's site map.</summary>
    private readonly record struct Chunk(Worker Worker, int Start, int End, int FirstFixup, int EndFixup, int FirstSite);

    public ModuleLayout Compile()
    {
        _progress.Start();
        if (plan.Workers == 1) RunWorker(0);
        else Parallel.For(0, plan.Workers, new ParallelOptions { MaxDegreeOfParallelism = plan.Workers }, RunWorker);
        if (_failure is not null) ExceptionDispatchInfo.Throw(_failure);
        _progress.Finish();
        return plan.Count == 1 ? InPlace(_chunks[0].Worker) : Concatenate();
    }

    private void RunWorker(int index)
    {
        Worker? worker = null;
        int c;
        while ((c = Interlocked.Increment(ref _nextChunk)) < _chunks.Length)
        {
            // once a function has failed, only chunks before it matter: its error may not be the first
            if (plan.Starts[c] > Volatile.Read(ref _firstFailed)) continue;
            worker ??= CreateWorker();
            // a worker that failed mid-function is left in an unknown state: the next chunk gets a fresh one
            if (!CompileChunk(worker, c)) worker = null;
        }
    }

    private Worker CreateWorker()
    {
        var masm = target.CreateMacroAssembler(guardPages);
        // generated code runs to about 2.1-2.2 bytes per byte of code section (bench codesize): reserve once. A worker
        // may take more than its share of the chunks: half as much again spares it a doubling (pages never written
        // are never touched)
        long share = plan.Workers == 1 ? (long)module.CodeSectionSize * 5 / 2 : (long)module.CodeSectionSize * 15 / 4 / plan.Workers;
        masm.Buffer.Reserve((int)Math.Min(int.MaxValue / 2, share + 4096));
        var compiler = new FunctionCompiler(masm, config.InterruptibleLoops, config.ConsumeFuel ? config.FuelCosts : null, config.Deterministic)
        {
            CanonicalizeSimdNaNs = config.Deterministic,
        };
        return new Worker(masm, compiler);
    }

    /// <summary>Compiles chunk <paramref name="c"/> at the end of the worker's buffer; false when a function failed.</summary>
    private bool CompileChunk(Worker worker, int c)
    {
        var masm = worker.Masm;
        var compiler = worker.Compiler;
        int first = plan.Starts[c], end = plan.Starts[c + 1];
        int firstFixup = compiler.CallFixups.Count, firstSite = worker.Functions, start = -1;
        int i = first;
        try
        {
            for (; i < end; i++)
            {
                masm.AlignFunction();
                _offsets[i] = masm.Buffer.Position;
                if (i == first) start = _offsets[i];
                compiler.Compile(ctx, (uint)(module.ImportedFunctionCount + i), module.Bodies[i]);
                if ((i - first + 1) % ICompileProgress.Interval == 0) _progress.Add(ICompileProgress.Interval);
            }
        }
        catch (Exception e)
        {
            Fail(i, e);
            return false;
        }
        _progress.Add((end - first) % ICompileProgress.Interval);
        worker.Functions += end - first;
        _chunks[c] = new Chunk(worker, start < 0 ? masm.Buffer.Position : start, masm.Buffer.Position, firstFixup, compiler.CallFixups.Count, firstSite);
        return true;
    }

    private void Fail(int function, Exception e)
    {
        lock (_failureLock)
        {
            if (function >= _firstFailed) return;
            _firstFailed = function;
            _failure = e;
        }
    }

    /// <summary>One chunk: its worker's buffer is the layout.</summary>
    private ModuleLayout InPlace(Worker worker)
    {
        foreach (var (position, callee) in worker.Compiler.CallFixups)
            worker.Masm.PatchCall(position, _offsets[callee - (uint)module.ImportedFunctionCount]);
        return new ModuleLayout(worker.Masm.Buffer, _offsets, worker.Compiler.OffsetMap.ToMap());
    }

    /// <summary>Copies the chunks in order into one buffer, padded between functions as one thread pads, then rebases
    /// the offsets, patches the calls and joins the site maps.</summary>
    private ModuleLayout Concatenate()
    {
        var layout = target.CreateMacroAssembler(guardPages);
        long total = 0;
        foreach (var chunk in _chunks) total += chunk.End - chunk.Start + 64;
        layout.Buffer.Reserve((int)Math.Min(int.MaxValue / 2, total));
        var shifts = new int[_chunks.Length];
        for (int c = 0; c < _chunks.Length; c++)
        {
            var chunk = _chunks[c];
            layout.AlignFunction();
            shifts[c] = layout.Buffer.Position - chunk.Start;
            layout.Buffer.EmitBytes(chunk.Worker.Masm.Buffer.WrittenSpan[chunk.Start..chunk.End]);
            for (int i = plan.Starts[c]; i < plan.Starts[c + 1]; i++) _offsets[i] += shifts[c];
        }
        for (int c = 0; c < _chunks.Length; c++)
        {
            var fixups = _chunks[c].Worker.Compiler.CallFixups;
            for (int k = _chunks[c].FirstFixup; k < _chunks[c].EndFixup; k++)
                layout.PatchCall(fixups[k].Position + shifts[c], _offsets[fixups[k].Callee - (uint)module.ImportedFunctionCount]);
        }
        return new ModuleLayout(layout.Buffer, _offsets, JoinSites());
    }

    /// <summary>The site maps of the workers, function by function in module order (each function's pairs are
    /// relative to its own start, so they copy unchanged).</summary>
    private OffsetMap JoinSites()
    {
        var maps = new Dictionary<Worker, OffsetMap>();
        long size = 0;
        foreach (var chunk in _chunks)
        {
            if (maps.ContainsKey(chunk.Worker)) continue;
            var map = chunk.Worker.Compiler.OffsetMap.ToMap();
            maps.Add(chunk.Worker, map);
            size += map.Bytes.Length;
        }
        var bytes = new byte[size];
        var starts = new int[_offsets.Length];
        int at = 0;
        for (int c = 0; c < _chunks.Length; c++)
        {
            var map = maps[_chunks[c].Worker];
            for (int i = plan.Starts[c], k = _chunks[c].FirstSite; i < plan.Starts[c + 1]; i++, k++)
            {
                int from = map.Starts[k], to = k + 1 < map.Starts.Length ? map.Starts[k + 1] : map.Bytes.Length;
                starts[i] = at;
                map.Bytes[from..to].CopyTo(bytes.AsSpan(at));
                at += to - from;
            }
        }
        return new OffsetMap(bytes, starts);
    }
}
