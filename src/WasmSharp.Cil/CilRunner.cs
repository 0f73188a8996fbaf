using System.Runtime.CompilerServices;
using WasmSharp.Compilers;
using WasmSharp.Runtime;

namespace WasmSharp.Cil;

/// <summary>Runs CIL-compiled code: entry through a per-signature stub, traps as <see cref="TrapException"/>s
/// caught at the boundary, and out-of-bounds accesses in guard-page mode as the <see cref="NullReferenceException"/>s
/// <see cref="GuardPageFaults"/> turns their faults into. (Host functions' exceptions never get here: they are parked
/// on the store, so a host's own NullReferenceException stays one.)</summary>
internal sealed class CilRunner : ICodeRunner
{
    public static readonly CilRunner Instance = new();

    public unsafe IReadOnlyList<CodeFrame> Backtrace(RuntimeState* runtime) => Backtraces.Of(runtime);

    public nint HostFunctionCode(FuncType type) => SignatureStubs.For(type).Host;

    public unsafe TrapKind Invoke(VMFuncRef* func, FuncType type, ulong* area, RuntimeState* runtime)
    {
        var entry = (delegate*<nint, nint, ulong*, void>)SignatureStubs.For(type).Entry;
        try
        {
            Backtraces.Clear();
            StackUnwind.Reset(runtime);
            // a backstop: the stack checks in generated code trap well before this would fire
            RuntimeHelpers.EnsureSufficientExecutionStack();
            entry(func->Code, (nint)func->Vmctx, area);
            if (!StackUnwind.Finish(runtime)) return TrapKind.None;
            Backtraces.RecordUnwind(runtime);
            return TrapKind.CallStackExhausted;
        }
        catch (TrapException e)
        {
            Backtraces.Record(runtime, e);
            return e.Kind;
        }
        catch (NullReferenceException e) when (GuardPageFaults.TakeFault())
        {
            // an access past the memory's end in guard-page mode: the fault handler made it a null dereference
            Backtraces.Record(runtime, e);
            return TrapKind.OutOfBoundsMemoryAccess;
        }
        catch (InsufficientExecutionStackException)
        {
            return TrapKind.CallStackExhausted;
        }
    }
}
