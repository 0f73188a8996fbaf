using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Validation;

namespace WasmSharp.Cil;

/// <summary>
/// The optimizing compiler: each Wasm function becomes a static CIL method of a collectible dynamic assembly (one
/// per module), marked for full optimization, so RyuJIT compiles it once, on its first call.
/// </summary>
[RequiresDynamicCode("generates code with Reflection.Emit")]
public sealed class CilCompiler : ICompiler
{
    private const MethodAttributes FunctionAttributes = MethodAttributes.Public | MethodAttributes.Static;
    private const MethodImplAttributes FunctionImpl = MethodImplAttributes.IL | MethodImplAttributes.Managed | MethodImplAttributes.AggressiveOptimization;

    /// <summary>The compiler's name: <c>cil</c>.</summary>
    public string Name => "cil";

    /// <summary>Modules whose code section is at least this big are compiled lazily, function by function, on first
    /// call; smaller ones eagerly, with direct calls between functions. 0 makes every module lazy.</summary>
    public int LazyThreshold { get; init; } = 1 << 20;

    /// <summary>Have RyuJIT compile every function of an eagerly compiled module to machine code before the module
    /// is returned, instead of on each function's first call (for measuring, or to keep the JIT off the run). The JIT
    /// runs on every core unless <see cref="EngineConfig.ParallelCompilation"/> is off.</summary>
    public bool PrecompileToMachineCode { get; init; }

    /// <summary>Validates <paramref name="module"/> and emits one collectible dynamic assembly for it: every function
    /// at once (direct calls between them), or, past <see cref="LazyThreshold"/>, a stub per function that compiles it
    /// on first call.</summary>
    public CompiledCode Compile(ModuleInfo module, Engine engine)
    {
        ModuleValidator.Validate(module);
        // initialized before RyuJIT compiles generated code: else each use in a hot loop tests the class-init flag
        RuntimeHelpers.RunClassConstructor(typeof(OpaqueConstants).TypeHandle);
        // unchecked accesses fault: the handler that makes such faults traps must be there before any code runs
        if (GuardPages.For(engine)) GuardPageFaults.Install();
        int number = Backtraces.NextModule();
        var asm = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName(Backtraces.AssemblyName(number)), AssemblyBuilderAccess.RunAndCollect);
        var mb = asm.DefineDynamicModule("Module");
        var resultArea = DefineResultArea(mb, module);
        var tb = mb.DefineType("Functions", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        var methods = new MethodBuilder[module.Bodies.Count];
        for (int i = 0; i < methods.Length; i++)
            methods[i] = DefineFunction(tb, MethodName(i), module.FunctionType((uint)(module.ImportedFunctionCount + i)));
        var code = module.CodeSectionSize >= LazyThreshold
            ? CompileLazily(new ModuleContext(module, engine, number, null, resultArea), mb, tb, methods)
            : CompileEagerly(new ModuleContext(module, engine, number, methods, resultArea) { BackgroundJit = Background(engine, methods.Length) },
                tb, methods, PrecompileToMachineCode, engine.CompileProgress);
        code.ModuleNumber = number;
        Backtraces.Register(number, code);
        return code;
    }

    /// <summary>Whether RyuJIT compiles an eagerly emitted module's functions on a background thread while the module
    /// is instantiated and starts running (<see cref="WasmSharp.Cil.BackgroundJit"/>); else each on its first call.
    /// Default: on when <see cref="EngineConfig.ParallelCompilation"/> is and there is more than one core.</summary>
    public bool? CompileInBackground { get; init; }

    private BackgroundJit? Background(Engine engine, int functions) =>
        !PrecompileToMachineCode && functions > 1
        && (CompileInBackground ?? (engine.Config.ParallelCompilation && Environment.ProcessorCount > 1))
            ? new BackgroundJit(functions) : null;

    /// <summary>Functions whose CIL is at most this long and that neither trap nor call are marked for inlining: RyuJIT
    /// leaves even a 2-operator function (libc's <c>fminf</c>) a call in a big caller, whose inlining budget is spent
    /// (vmath: 28% of its time in calls of fminf/fmaxf). Trapping or calling ones stay out of line: their frames
    /// belong in backtraces.</summary>
    private const int InlineSize = 128;

    internal static MethodBuilder DefineFunction(TypeBuilder tb, string name, FuncType type, bool noInlining = false)
    {
        var m = tb.DefineMethod(name, FunctionAttributes, ClrTypes.Return(type), ClrTypes.Params(type));
        m.SetImplementationFlags(FunctionImpl | (noInlining ? MethodImplAttributes.NoInlining : 0));
        // no zeroing prolog: Wasm's locals are zeroed by the body, every other local is written before it is read,
        // and the stack probe (an address-taken local) is never read
        m.InitLocals = false;
        return m;
    }

    /// <summary>Emits defined function <paramref name="i"/> into <paramref name="method"/>, or, when its frame is
    /// huge, into a body method that <paramref name="method"/> calls after a stack check (see <see cref="FrameGuard"/>).
    /// Returns the CIL size.</summary>
    internal static int EmitFunction(ModuleContext ctx, TypeBuilder tb, MethodBuilder method, int i, ref ValType[] locals)
    {
        int localBytes = FrameGuard.LocalBytes(ctx.Module, i, ref locals);
        if (localBytes < FrameGuard.Threshold)
        {
            bool faults = FunctionEmitter.Emit(ctx, i, method, ref locals);
            int size = method.GetILGenerator().ILOffset;
            if (size <= InlineSize && ctx.SiteMaps[i] is { HasSites: false }) method.SetImplementationFlags(FunctionImpl | MethodImplAttributes.AggressiveInlining);
            // a function that traps by faulting keeps its frame: without a throw RyuJIT would inline small ones, and a
            // trap's backtrace would lose them (with checks, the throw kept them out of line)
            else if (faults) method.SetImplementationFlags(FunctionImpl | MethodImplAttributes.NoInlining);
            return size;
        }
        var type = ctx.Module.FunctionType((uint)(ctx.ImportedFunctions + i));
        var body = DefineFunction(tb, method.Name + "_body", type, noInlining: true);
        FunctionEmitter.Emit(ctx, i, body, ref locals);
        FrameGuard.EmitGuard(method, body, type, FrameGuard.Margin(localBytes), ctx.Number, i);
        return body.GetILGenerator().ILOffset + method.GetILGenerator().ILOffset;
    }

    private static CilCode CompileEagerly(ModuleContext ctx, TypeBuilder tb, MethodBuilder[] methods, bool precompile, ICompileProgress? progress)
    {
        var locals = new ValType[16];
        long ilSize = 0;
        var background = ctx.BackgroundJit;
        for (int i = 0; i < methods.Length; i++)
        {
            if (progress is not null && i % ICompileProgress.Interval == 0) progress.Report(i, methods.Length);
            background?.Begin(i);
            ilSize += EmitFunction(ctx, tb, methods[i], i, ref locals);
        }
        progress?.Report(methods.Length, methods.Length);
        var created = tb.CreateType();
        var byName = MethodsByName(created);
        if (precompile) Precompile(created, ctx.Engine.Config.ParallelCompilation ? Environment.ProcessorCount : 1);
        else background?.Start(ctx.Module, byName, MethodName);
        return new CilCode(created, EntryPoints(byName, methods.Length), null, ilSize, ctx.SiteMaps);
    }

    /// <summary>Has RyuJIT compile every method of <paramref name="created"/> now, on up to <paramref name="threads"/>
    /// threads (the JIT compiles different methods concurrently).</summary>
    internal static void Precompile(Type created, int threads)
    {
        var methods = created.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly);
        ForEachInOrder(methods.Length, threads, i => RuntimeHelpers.PrepareMethod(methods[i].MethodHandle));
    }

    /// <summary>Runs <paramref name="work"/> for 0 .. <paramref name="count"/> - 1 on up to <paramref name="threads"/>
    /// threads. A failure surfaces as on one thread: the lowest failing index's exception (the work past it is
    /// skipped once it is known).</summary>
    internal static void ForEachInOrder(int count, int threads, Action<int> work)
    {
        if (threads <= 1 || count < 2)
        {
            for (int i = 0; i < count; i++) work(i);
            return;
        }
        var failures = new Exception?[count];
        int firstFailed = int.MaxValue;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            if (i > Volatile.Read(ref firstFailed)) return;
            try { work(i); }
            catch (Exception e)
            {
                failures[i] = e;
                int seen;
                while (i < (seen = Volatile.Read(ref firstFailed)) && Interlocked.CompareExchange(ref firstFailed, i, seen) != seen) { }
            }
        });
        if (firstFailed != int.MaxValue) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[firstFailed]!);
    }

    private static CilCode CompileLazily(ModuleContext ctx, ModuleBuilder mb, TypeBuilder tb, MethodBuilder[] stubs)
    {
        var module = ctx.Module;
        var field = tb.DefineField("Module", typeof(LazyModule), FieldAttributes.Public | FieldAttributes.Static);
        for (int i = 0; i < stubs.Length; i++)
            LazyModule.EmitStub(stubs[i], field, module.FunctionType((uint)(module.ImportedFunctionCount + i)), i);
        var lazy = new LazyModule(ctx, mb);
        var created = tb.CreateType();
        created.GetField("Module")!.SetValue(null, lazy);
        return new CilCode(created, EntryPoints(MethodsByName(created), stubs.Length), lazy, module.CodeSectionSize, ctx.SiteMaps);
    }

    /// <summary>One lookup of all methods: GetMethod by name is linear in the type's method count. Read-only once
    /// built, so the background compilation's thread shares it.</summary>
    private static Dictionary<string, MethodInfo> MethodsByName(Type created) =>
        created.GetMethods(BindingFlags.Public | BindingFlags.Static).ToDictionary(m => m.Name, StringComparer.Ordinal);

    private static nint[] EntryPoints(Dictionary<string, MethodInfo> byName, int count)
    {
        var entries = new nint[count];
        for (int i = 0; i < entries.Length; i++) entries[i] = byName[MethodName(i)].MethodHandle.GetFunctionPointer();
        return entries;
    }

    private static string MethodName(int definedIndex) => "f" + definedIndex;

    /// <summary>A struct with room for the most results any call of the module returns, if any returns several.</summary>
    private static Type? DefineResultArea(ModuleBuilder mb, ModuleInfo module)
    {
        int most = 0;
        foreach (var t in module.Types)
            if (t.Results.Length > 1) most = Math.Max(most, ValueLayout.Size(t.Results));
        if (most == 0) return null;
        var tb = mb.DefineType("ResultArea", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout,
            typeof(ValueType), PackingSize.Size16, most);
        return tb.CreateType();
    }

    /// <summary>The one runner of CIL code: entry through RyuJIT-compiled delegates, traps as .NET exceptions (stack
    /// exhaustion by unwinding returns).</summary>
    public ICodeRunner CreateRunner(EngineConfig config) => CilRunner.Instance;
}
