using System.Runtime.InteropServices;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;
using WasmSharp.Singlepass.X64;
using WasmSharp.Validation;

namespace WasmSharp.Singlepass;

/// <summary>
/// The Singlepass compiler: one pass over each function, validating and emitting x86-64 code in the same walk.
/// Compile time is linear in the size of the module.
/// </summary>
public sealed unsafe class SinglepassCompiler : ICompiler
{
    /// <summary>One set of stubs per process, never freed: the SIGSEGV handler installed once for the process lives
    /// there, and so does the unwinder every module's code jumps to.</summary>
    private static readonly Lazy<X64Stubs> SharedStubs = new(() => new X64Stubs());
    private readonly List<WeakReference<SinglepassCode>> _codes = new();

    public string Name => "singlepass";

    public SinglepassCompiler()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || !OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException($"the Singlepass compiler targets x86-64 Linux; this is {RuntimeInformation.ProcessArchitecture} {RuntimeInformation.OSDescription}");
    }

    private static X64Stubs Stubs => SharedStubs.Value;

    public CompiledCode Compile(ModuleInfo module, Engine engine)
    {
        bool avx = engine.Config.EffectiveCpu() == CpuFeatureLevel.Avx;
        // the engine's memory plan says whether every memory has the guard region that lets code skip checks
        bool guardPages = engine.MemoryPlan.GuardPages;
        if (guardPages) TrapSignals.Install(Stubs.SignalHandler);
        var masm = new X64MacroAssembler(avx, Stubs.TrapUnwind, guardPages);
        var compiler = new FunctionCompiler(masm, engine.Config.InterruptibleLoops);
        var offsets = new int[module.Bodies.Count];
        try
        {
            var ctx = ModuleValidator.ValidateDeclarations(module);
            for (int i = 0; i < offsets.Length; i++)
            {
                masm.Assembler.Align(16);
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
        var code = new SinglepassCode(new ExecutableMemory(masm.Buffer.WrittenSpan), offsets, masm.Buffer.Position);
        if (guardPages) code.Memory.TrapFaults();
        if (PerfMap.Enabled) PerfMap.Write(module, code.FunctionCode(0) - (offsets.Length > 0 ? offsets[0] : 0), offsets, masm.Buffer.Position);
        lock (_codes)
        {
            _codes.RemoveAll(w => !w.TryGetTarget(out _));
            _codes.Add(new WeakReference<SinglepassCode>(code));
        }
        return code;
    }

    public nint HostFunctionCode(FuncType type) => Stubs.HostStub;

    public TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime)
    {
        var enter = (delegate* unmanaged<VMContext*, nint, ulong*, nint, int>)Stubs.Entry;
        return (TrapKind)enter(func->Vmctx, func->Code, area, ValueLayout.AreaSize(type));
    }

    /// <summary>The frames the unwinder captured at the last trap; stub frames (host calls) are left out.</summary>
    public IReadOnlyList<(CompiledCode Code, int DefinedIndex)> Backtrace(RuntimeState* runtime)
    {
        var frames = new List<(CompiledCode, int)>();
        int n = Math.Min(runtime->TrapFrameCount, RuntimeState.MaxTrapFrames);
        for (int i = 0; i < n; i++)
        {
            // return addresses point after the call: look up the call instruction itself
            nint pc = (nint)runtime->TrapFrames[i] - (i == 0 ? 0 : 1);
            if (Find(pc) is { } hit) frames.Add(hit);
        }
        return frames;
    }

    private (CompiledCode, int)? Find(nint pc)
    {
        lock (_codes)
        {
            foreach (var w in _codes)
            {
                if (w.TryGetTarget(out var code) && code.FunctionAt(pc) is int i and >= 0) return (code, i);
            }
        }
        return null;
    }
}
