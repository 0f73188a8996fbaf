using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Validation;

namespace WasmSharp.Singlepass;

/// <summary>
/// The Singlepass compiler: one pass over each function, validating and emitting code for the configured
/// <see cref="Target"/> in the same walk. Compile time is linear in the size of the module.
/// </summary>
public sealed partial class SinglepassCompiler : ICompiler, IArtifactCompiler
{
    public string Name => "singlepass";

    public ICodeRunner CreateRunner(EngineConfig config) => new SinglepassRunner(Target.For(config));

    public CompiledCode Compile(ModuleInfo module, Engine engine)
    {
        var target = Target.For(engine.Config);
        // the engine's memory plan says whether every memory has the guard region that lets code skip checks;
        // guard pages need the fault handler, which only a target running here has (foreign code is never run)
        bool guardPages = engine.MemoryPlan.GuardPages;
        if (guardPages && target.CanRunHere) target.InstallFaultHandler();
        var masm = target.CreateMacroAssembler(guardPages);
        var compiler = new FunctionCompiler(masm, engine.Config.InterruptibleLoops,
            engine.Config.ConsumeFuel ? engine.Config.FuelCosts : null);
        var offsets = new int[module.Bodies.Count];
        // generated code runs to about 2.1-2.2 bytes per byte of code section (bench codesize): reserve once
        masm.Buffer.Reserve((int)Math.Min(int.MaxValue / 2, (long)module.CodeSectionSize * 5 / 2 + 4096));
        try
        {
            var ctx = ModuleValidator.ValidateDeclarations(module);
            for (int i = 0; i < offsets.Length; i++)
            {
                masm.AlignFunction();
                offsets[i] = masm.Buffer.Position;
                compiler.Compile(ctx, (uint)(module.ImportedFunctionCount + i), module.Bodies[i]);
            }
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
        foreach (var (position, callee) in compiler.CallFixups)
            masm.PatchCall(position, offsets[callee - (uint)module.ImportedFunctionCount]);
        return Publish(module, target, guardPages, masm.Buffer.WrittenSpan, offsets);
    }

    /// <summary>Maps laid-out code (just compiled or loaded from an artifact) and makes it known to the runtime.</summary>
    private static SinglepassCode Publish(ModuleInfo module, Target target, bool guardPages, ReadOnlySpan<byte> bytes, int[] offsets)
    {
        var code = new SinglepassCode(new ExecutableMemory(bytes, target.Isa), offsets, bytes.Length);
        if (guardPages && target.CanRunHere) code.Memory.TrapFaults();
        if (PerfMap.Enabled) PerfMap.Write(module, code.FunctionCode(0) - (offsets.Length > 0 ? offsets[0] : 0), offsets, bytes.Length);
        SinglepassRunner.Register(code);
        return code;
    }
}
