namespace WasmSharp.Wasi;

/// <summary>Runs a WASI command module: instantiate with WASI imports, bind, call <c>_start</c>.</summary>
public static class WasiRunner
{
    /// <summary>Runs <paramref name="module"/> to completion and returns its exit code: the <c>proc_exit</c> code,
    /// or 0 when <c>_start</c> returns. Traps propagate as <see cref="TrapException"/>; cancelling the token
    /// interrupts the guest (it traps with <see cref="TrapKind.Interrupted"/>).</summary>
    public static int Run(Module module, WasiConfig config, CancellationToken cancellation = default)
    {
        using var store = new Store(module.Engine);
        using var wasi = new WasiContext(config);
        var linker = new Linker();
        wasi.Define(linker);
        using var _ = cancellation.Register(store.Interrupt);
        try
        {
            var instance = linker.Instantiate(store, module);
            wasi.Bind(instance);
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
}
