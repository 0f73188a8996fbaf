using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Validation;

namespace WasmSharp.Singlepass;

/// <summary>
/// The Singlepass compiler: one pass over each function, validating and emitting code for the configured
/// target (<see cref="EngineConfig.Target"/>, x86-64 with AVX or SSE4.2, or AArch64) in the same walk. Compile time
/// is linear in the size of the module. Functions are compiled on every core unless
/// <see cref="EngineConfig.ParallelCompilation"/> is off; the code is the same byte for byte either way. Pass an
/// instance to <see cref="Engine"/>; the assembler, register allocator and code layout behind it are internal.
/// </summary>
public sealed partial class SinglepassCompiler : ICompiler, IArtifactCompiler
{
    /// <inheritdoc/>
    public string Name => "singlepass";

    /// <summary>The target this compiler emits code for under <paramref name="config"/>, as a short name for reports
    /// and artifact headers: the ISA and, on x86-64, the code path after <c>WASMSHARP_CPU</c> and CPU detection
    /// (e.g. "x86_64+avx").</summary>
    /// <exception cref="PlatformNotSupportedException">Singlepass has no back end for the configured ISA and OS.</exception>
    public static string TargetName(EngineConfig config) => Target.For(config).Name;

    /// <inheritdoc/>
    public ICodeRunner CreateRunner(EngineConfig config) => new SinglepassRunner(Target.For(config));

    /// <inheritdoc/>
    public CompiledCode Compile(ModuleInfo module, Engine engine)
    {
        var target = Target.For(engine.Config);
        // the engine's memory plan says whether every memory has the guard region that lets code skip checks;
        // guard pages need the fault handler, which only a target running here has (foreign code is never run)
        bool guardPages = engine.MemoryPlan.GuardPages;
        if (guardPages && target.CanRunHere) target.InstallFaultHandler();
        ModuleLayout layout;
        try
        {
            var ctx = ModuleValidator.ValidateDeclarations(module);
            var plan = ChunkPlan.For(module, engine.Config.ParallelCompilation ? Environment.ProcessorCount : 1);
            layout = new ParallelModuleCompiler(module, ctx, target, guardPages, engine.Config, plan, engine.CompileProgress).Compile();
        }
        catch (InvalidModuleException)
        {
            foreach (var body in module.Bodies) BodyDecoder.Check(module, body);
            throw;
        }
        catch (UnsupportedFeatureException)
        {
            // a module that is also invalid or malformed must be reported as such
            ModuleValidator.Validate(module);
            throw;
        }
        var bytes = layout.Code;
        return Publish(module, target, guardPages, new ExecutableMemory(bytes, target.Isa), bytes.Length, layout.Offsets, layout.Sites);
    }

    /// <summary>Makes laid-out code in executable memory (just compiled, or loaded from an artifact) known to the
    /// runtime, with the offset map of its call and trap sites.</summary>
    private static SinglepassCode Publish(ModuleInfo module, Target target, bool guardPages, ExecutableMemory memory, int size, int[] offsets, OffsetMap sites)
    {
        var code = new SinglepassCode(memory, offsets, size, sites);
        if (guardPages && target.CanRunHere) code.Memory.TrapFaults();
        if (PerfMap.Enabled) PerfMap.Write(module, code.FunctionCode(0) - (offsets.Length > 0 ? offsets[0] : 0), offsets, size);
        SinglepassRunner.Register(code);
        return code;
    }
}
