using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass;

/// <summary>
/// Runs Singlepass code: enters it through the target's entry trampoline and maps trap addresses back to functions.
/// Needs no compiler, only the target's stubs and the process-wide registry of live code. Code of a target that
/// cannot run here (another ISA, or AVX code on a CPU without AVX) is refused with a clear error.
/// </summary>
internal sealed unsafe class SinglepassRunner : ICodeRunner
{
    /// <summary>Every live module's code, for backtraces (weak: the registry does not keep code alive).</summary>
    private static readonly List<WeakReference<SinglepassCode>> Codes = new();

    private readonly Target _target;

    public SinglepassRunner(Target target) => _target = target;

    private RuntimeStubs Stubs => _target.CanRunHere
        ? _target.Stubs
        : throw new PlatformNotSupportedException($"code compiled for {_target.Name} cannot run on this {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} host{(_target.Isa == TargetIsas.Host ? " (the CPU lacks the features it uses)" : "")}");

    public nint HostFunctionCode(FuncType type) => Stubs.HostFunction;

    public TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime)
    {
        var enter = (delegate* unmanaged<VMContext*, nint, ulong*, nint, int>)Stubs.Entry;
        return (TrapKind)enter(func->Vmctx, func->Code, area, ValueLayout.AreaSize(type));
    }

    /// <summary>Makes <paramref name="code"/> known to backtraces.</summary>
    internal static void Register(SinglepassCode code)
    {
        lock (Codes)
        {
            Codes.RemoveAll(w => !w.TryGetTarget(out _));
            Codes.Add(new WeakReference<SinglepassCode>(code));
        }
    }

    /// <summary>The frames the unwinder captured at the last trap; stub frames (host calls) are left out.</summary>
    public IReadOnlyList<CodeFrame> Backtrace(RuntimeState* runtime)
    {
        var frames = new List<CodeFrame>();
        int n = Math.Min(runtime->TrapFrameCount, RuntimeState.MaxTrapFrames);
        for (int i = 0; i < n; i++)
        {
            // return addresses point after the call: look up the call instruction itself (the trap address is a
            // faulting instruction, or a trap site's return address already less one)
            nint pc = (nint)runtime->TrapFrames[i] - (i == 0 ? 0 : 1);
            if (Find(pc) is { } hit) frames.Add(hit);
        }
        return frames;
    }

    private static CodeFrame? Find(nint pc)
    {
        lock (Codes)
        {
            foreach (var w in Codes)
            {
                if (w.TryGetTarget(out var code) && code.FunctionAt(pc) is int i and >= 0)
                    return new CodeFrame(code, i, code.WasmOffsetAt(i, pc));
            }
        }
        return null;
    }
}
