using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Runtime;

// wasmsharp_*: what WasmSharp offers beyond the standard — error messages, the text format, compiler and CPU
// choice, stack budget, bounds-check strategy, interruption and deadlines.
internal static unsafe class ExtensionExports
{
    /// <summary>The calling thread's last failure message (NUL counted, as a wasm_message_t); false when none.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_last_error")]
    private static bool LastError(Vec* message)
    {
        if (message == null || Errors.Last is not { } last) return false;
        return Errors.Guard(() =>
        {
            Names.ToMessage(last, message);
            return true;
        });
    }

    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_wat2wasm")]
    private static bool Wat2Wasm(Vec* text, Vec* binary) => Errors.Guard(() =>
    {
        var bytes = WasmSharp.Text.Wat.ToBinary(Names.FromVec(text));
        fixed (byte* p = bytes) Vecs.New(binary, (nuint)bytes.Length, p, 1);
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_config_compiler_set")]
    private static bool Compiler(Obj* c, byte* name) => Errors.Guard(() =>
    {
        Obj.Check(c, ObjKind.Config);
        var n = Names.FromCString(name, "name");
        if (!ConfigBox.Compilers.Contains(n))
            throw new ArgumentException($"unknown compiler \"{n}\": this library has {string.Join(", ", ConfigBox.Compilers)}");
        return true;
    });

    /// <summary>"auto", "sse4.2" or "avx".</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_config_cpu_set")]
    private static bool Cpu(Obj* c, byte* level) => Errors.Guard(() =>
    {
        var box = Obj.Get<ConfigBox>(c, ObjKind.Config);
        var cpu = X64CpuLevels.Parse(Names.FromCString(level, "level"), "CPU level");
        box.Config = box.Config with { X64Cpu = cpu };
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_config_max_wasm_stack_set")]
    private static bool MaxStack(Obj* c, nuint bytes) => Errors.Guard(() =>
    {
        var box = Obj.Get<ConfigBox>(c, ObjKind.Config);
        if (bytes < 4096 || bytes > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(bytes), "stack budget must be 4 KiB to 2 GiB");
        box.Config = box.Config with { MaxWasmStackBytes = (int)bytes };
        return true;
    });

    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_config_signal_bounds_checks_set")]
    private static void SignalBoundsChecks(Obj* c, bool on) => Errors.Guard(() =>
    {
        var box = Obj.Get<ConfigBox>(c, ObjKind.Config);
        box.Config = box.Config with { SignalBasedBoundsChecks = on };
    });

    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_config_interruptible_loops_set")]
    private static void InterruptibleLoops(Obj* c, bool on) => Errors.Guard(() =>
    {
        var box = Obj.Get<ConfigBox>(c, ObjKind.Config);
        box.Config = box.Config with { InterruptibleLoops = on };
    });

    /// <summary>Safe from any thread: running code traps with "interrupted" at its next check.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_store_interrupt")]
    private static void Interrupt(Obj* s) => Errors.Guard(() => Obj.Get<StoreBox>(s, ObjKind.Store).Store.Interrupt());

    /// <summary>Interrupts the store's code <paramref name="milliseconds"/> from now; 0 cancels.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasmsharp_store_deadline_set")]
    private static void Deadline(Obj* s, ulong milliseconds) => Errors.Guard(() => Obj.Get<StoreBox>(s, ObjKind.Store).SetDeadline(milliseconds));
}
