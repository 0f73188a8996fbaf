using WasmSharp.Wasi;

namespace WasmSharp.Emscripten;

/// <summary>
/// Defines, for each function the module imports, the host function emcc's glue would have given it: "env" imports
/// from <see cref="EmscriptenEnv"/>, "wasi_snapshot_preview1" from the WASI context. Each is defined with the
/// import's own type — the real one, or emcc's legalized form (<see cref="Legalization"/>). Anything else is a
/// <see cref="LinkException"/> that names the import.
/// </summary>
internal static class EmscriptenLinking
{
    public const string Env = "env";

    public static void Define(Linker linker, Module module, EmscriptenEnv env)
    {
        var wasi = env.Wasi.Functions()
            .Where(f => f.Module == WasiContext.Preview1Module)
            .ToDictionary(f => f.Name, f => (f.Type, f.Callback));
        foreach (var import in module.Imports)
        {
            if (import.Kind != ExternKind.Func)
                throw new LinkException($"unsupported Emscripten import: \"{import.Module}\" \"{import.Name}\" is a {import.Kind}; " +
                    "WasmSharp provides functions only (build without -sIMPORTED_MEMORY or a shared table)");
            var type = module.Info.Types[(int)import.FuncTypeIndex];
            var (real, callback) = import.Module switch
            {
                Env => env.Lookup(import.Name) ?? throw Unsupported(import),
                WasiContext.Preview1Module => env.Override(import.Name, wasi) ?? throw Unsupported(import),
                _ => throw Unsupported(import),
            };
            linker.DefineFunction(import.Module, import.Name, type, Adapt(import, type, real, callback, env));
        }
    }

    private static HostCallback Adapt(Import import, FuncType wanted, FuncType real, HostCallback callback, EmscriptenEnv env)
    {
        if (wanted.Equals(real)) return callback;
        if (wanted.Equals(Legalization.Legalize(real))) return Legalization.Wrap(real, callback, env);
        throw new LinkException($"Emscripten import \"{import.Module}\" \"{import.Name}\" has type {wanted}; WasmSharp implements it as {real}");
    }

    private static LinkException Unsupported(Import import) =>
        new($"unsupported Emscripten import: \"{import.Module}\" \"{import.Name}\" is not implemented by WasmSharp");
}
