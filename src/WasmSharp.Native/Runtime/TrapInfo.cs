using WasmSharp.Native.Interop;
using WasmSharp.Wasi;

namespace WasmSharp.Native.Runtime;

/// <summary>What a <c>wasm_trap_t</c> holds: the message, the Wasm frames (innermost first), and for a WASI
/// <c>proc_exit</c> the exit code.</summary>
internal sealed record TrapInfo(string Message, IReadOnlyList<WasmFrame> Frames, int? ExitCode = null)
{
    /// <summary>A trap for any failure of a call: a Wasm trap, a WASI exit, or another error as its message.</summary>
    public static unsafe Obj* From(Exception e) => e switch
    {
        HostTrapException h => h.Take(),
        TrapException t => Obj.New(ObjKind.Trap, new TrapInfo(t.Kind.Message(), t.WasmStackTrace)),
        WasiExitException x => Obj.New(ObjKind.Trap, new TrapInfo($"exit with status {x.ExitCode}", [], x.ExitCode)),
        _ => Obj.New(ObjKind.Trap, new TrapInfo(e.Message, [])),
    };
}
