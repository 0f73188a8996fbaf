namespace WasmSharp.Singlepass;

/// <summary>
/// A target's process-wide machine code that compiled modules share (generated once, never freed): the entry
/// trampoline from .NET, the host-function stub, the trap unwinder and the fault handler. Only a target that runs
/// on this host has them.
/// </summary>
internal abstract class RuntimeStubs
{
    /// <summary><c>int Enter(VMContext* vmctx, nint code, ulong* area, nint areaSize)</c>: calls <c>code</c> with
    /// its arguments and results in <c>area</c>; returns 0 or the trap code.</summary>
    public abstract nint Entry { get; }

    /// <summary>Where a call from Wasm lands to reach a host function (its VM context is the host function's).</summary>
    public abstract nint HostFunction { get; }

    /// <summary>The unwinder trap stubs reach through <see cref="WasmSharp.Runtime.LibcallId.TrapUnwind"/>: records the
    /// trap and its frames, then returns the trap code from <see cref="Entry"/>.</summary>
    public abstract nint TrapUnwind { get; }

    /// <summary>The SIGSEGV handler for guard-page bounds checks (installed by <see cref="TrapSignals"/>).</summary>
    public abstract nint SignalHandler { get; }
}
