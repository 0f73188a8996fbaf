namespace WasmSharp.Emscripten;

/// <summary>
/// Recognizes what emcc built: a module that imports from "env" a function only emcc's runtime has
/// (<c>emscripten_*</c>, <c>__syscall_*</c>, <c>invoke_*</c>, <c>__cxa_*</c>, <c>setTempRet0</c>, ...), or a WASI
/// module whose every "env" import is one WasmSharp implements, with its type (a -sSTANDALONE_WASM build using, say,
/// <c>getentropy</c>). Optimized JavaScript-mode builds rename every import to a letter or two in module "a"; only
/// the .js file knows what they were, so <see cref="EmscriptenRunner"/> refuses them with a message that says so.
/// </summary>
public static class EmscriptenModule
{
    private static readonly string[] Prefixes = ["emscripten_", "_emscripten_", "__syscall_", "invoke_", "__cxa_", "_tzset_js",
        "_localtime_js", "_gmtime_js", "_mktime_js", "_timegm_js", "__resumeException"];
    private static readonly string[] Names = ["setTempRet0", "getTempRet0", "llvm_eh_typeid_for"];

    /// <summary>True when the module imports emcc's runtime and should run with <see cref="EmscriptenRunner"/>.</summary>
    public static bool IsEmscripten(Module module)
    {
        var env = module.Imports.Where(i => i.Module == EmscriptenLinking.Env).ToList();
        bool wasi = module.Imports.Any(i => i.Module == Wasi.WasiContext.Preview1Module);
        return env.Any(i => IsRuntimeName(i.Name)) || IsMinified(module) ||
            (wasi && env.Count > 0 && env.All(i => i.Kind == ExternKind.Func && EmscriptenEnv.Provides(i.Name, module.Info.Types[(int)i.FuncTypeIndex])));
    }

    private static bool IsRuntimeName(string name) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>emcc's minified form: every import in module "a" with a name of at most two letters, and the
    /// memory exported under a minified name.</summary>
    public static bool IsMinified(Module module)
    {
        var imports = module.Imports.ToList();
        return imports.Count > 0 && imports.All(i => i.Module == "a" && i.Name.Length <= 2) &&
            module.Exports.All(e => e.Name.Length <= 2 || e.Name.StartsWith("dynCall_", StringComparison.Ordinal));
    }
}
