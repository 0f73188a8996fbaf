namespace WasmSharp.Wasi;

/// <summary>Runs WASI modules: a command's <c>_start</c>, or (for embedders and <c>wasmsharp run --invoke</c>) an
/// instance ready for calls to its exports.</summary>
public static class WasiRunner
{
    /// <summary>Runs <paramref name="module"/> to completion and returns its exit code: the <c>proc_exit</c> code,
    /// or 0 when <c>_start</c> returns. Traps propagate as <see cref="TrapException"/>; cancelling the token
    /// interrupts the guest (it traps with <see cref="TrapKind.Interrupted"/>).</summary>
    public static int Run(Module module, WasiConfig config, CancellationToken cancellation = default)
    {
        using var store = new Store(module.Engine);
        return Run(store, module, config, cancellation);
    }

    /// <summary>Runs <paramref name="module"/> in <paramref name="store"/>, which the caller prepared (fuel, say) and
    /// may inspect afterwards.</summary>
    public static int Run(Store store, Module module, WasiConfig config, CancellationToken cancellation = default)
    {
        using var wasi = new WasiContext(config);
        using var _ = cancellation.Register(store.Interrupt);
        try
        {
            var instance = Instantiate(store, module, wasi);
            var start = instance.GetFunction("_start") ?? throw new InvalidOperationException("the module exports no \"_start\": not a WASI command");
            start.Invoke();
            return 0;
        }
        catch (WasiExitException e)
        {
            return e.ExitCode;
        }
        finally
        {
            wasi.FlushStdio();
        }
    }

    /// <summary>Compiles <paramref name="wasm"/> on <paramref name="engine"/> and runs it.</summary>
    public static int Run(Engine engine, byte[] wasm, WasiConfig config, CancellationToken cancellation = default)
    {
        using var module = Module.FromBytes(engine, wasm);
        return Run(module, config, cancellation);
    }

    /// <summary>Instantiates <paramref name="module"/> with <paramref name="wasi"/>'s functions as its WASI imports
    /// and binds its exported memory when it has one (a module without memory still runs until a WASI call needs
    /// memory, as in Wasmtime).</summary>
    public static Instance Instantiate(Store store, Module module, WasiContext wasi)
    {
        var linker = new Linker();
        wasi.Define(linker);
        var instance = linker.Instantiate(store, module);
        wasi.TryBind(instance);
        return instance;
    }

    /// <summary>WASI's reactor rule: a module that exports <c>_initialize</c> must have it called once, before any
    /// other export. Calls it when present; a command (<c>_start</c>) has none.</summary>
    public static void Initialize(Instance instance) => instance.GetFunction("_initialize")?.Invoke();
}
