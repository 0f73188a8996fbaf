using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Runtime;

namespace WasmSharp.Native.Wasi;

// wasi_env_t: the WASI imports for a module, binding to the instance's memory, the start function, the exit code.
internal static unsafe class WasiEnvExports
{
    /// <summary>Takes ownership of <paramref name="config"/> (deleted even on failure).</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_env_new")]
    private static Obj* New(Obj* store, Obj* config) => Errors.Guard(() =>
    {
        try
        {
            Obj.Check(store, ObjKind.Store);
            return (nint)Obj.New(ObjKind.WasiEnv, new WasiEnv(Obj.Get<WasiSetup>(config, ObjKind.WasiConfig)));
        }
        finally
        {
            if (config != null && config->Kind == ObjKind.WasiConfig) Obj.Delete(config, ObjKind.WasiConfig);
        }
    }).ToPointer<Obj>();

    /// <summary>Flushes the guest's streams and closes what the environment opened.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_env_delete")]
    private static void Delete(Obj* env) => Errors.Guard(() =>
    {
        Obj.Get<WasiEnv>(env, ObjKind.WasiEnv).Dispose();
        Obj.Delete(env, ObjKind.WasiEnv);
    });

    /// <summary>The module's imports in order, for wasm_instance_new; false when one is not a WASI function.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_get_imports")]
    private static bool GetImports(Obj* store, Obj* env, Obj* module, Vec* imports) => Errors.Guard(() =>
    {
        var s = Obj.Get<StoreBox>(store, ObjKind.Store).Store;
        var ctx = Obj.Get<WasiEnv>(env, ObjKind.WasiEnv).Context;
        var m = Obj.Get<Module>(module, ObjKind.Module);
        var linker = new Linker();
        ctx.Define(linker);
        var items = linker.ResolveImports(s, m);
        Vecs.NewUninitialized(imports, (nuint)items.Length, sizeof(nint));
        for (int i = 0; i < items.Length; i++) ((Obj**)imports->Data)[i] = Externs.New(items[i]);
        return true;
    });

    /// <summary>Points the WASI functions at the instance's exported "memory".</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_env_initialize_instance")]
    private static bool InitializeInstance(Obj* env, Obj* store, Obj* instance) => Errors.Guard(() =>
    {
        Obj.Check(store, ObjKind.Store);
        Obj.Get<WasiEnv>(env, ObjKind.WasiEnv).Context.Bind(Obj.Get<Instance>(instance, ObjKind.Instance));
        return true;
    });

    /// <summary>A new handle to the command's "_start", or NULL when it has none.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_get_start_function")]
    private static Obj* StartFunction(Obj* instance) => Errors.Guard(() =>
    {
        var start = Obj.Get<Instance>(instance, ObjKind.Instance).GetFunction("_start")
            ?? throw new InvalidOperationException("the module exports no \"_start\": not a WASI command");
        return (nint)Obj.New(ObjKind.Func, start);
    }).ToPointer<Obj>();

    /// <summary>True, with the code, when the trap is the guest's proc_exit.</summary>
    [UnmanagedCallersOnly(EntryPoint = "wasi_trap_exit_code")]
    private static bool ExitCode(Obj* trap, int* code) => Errors.Guard(() =>
    {
        if (Obj.Get<TrapInfo>(trap, ObjKind.Trap).ExitCode is not { } c) return false;
        if (code != null) *code = c;
        return true;
    });
}
