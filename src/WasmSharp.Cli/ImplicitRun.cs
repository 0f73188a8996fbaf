using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp app.wasm ARGS</c> means <c>wasmsharp run app.wasm ARGS</c>, as with wasmtime and wasmer: when the first
/// word is no subcommand but a module file (an existing file, or a name ending in .wasm or .wat) or one of run's own
/// options, <c>run</c> is inserted. Anything else is left to the parser, so a mistyped command is still reported as one.
/// </summary>
internal static class ImplicitRun
{
    public static string[] Apply(RootCommand root, string[] args)
    {
        if (args.Length == 0) return args;
        string first = args[0];
        if (root.Subcommands.Any(c => c.Name == first)) return args;
        bool module = !first.StartsWith('-') && (File.Exists(first) || first.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase) ||
            first.EndsWith(".wat", StringComparison.OrdinalIgnoreCase));
        // the root command has no options of run's: `wasmsharp --dir . app.wasm` is a run too
        return module || GuestArguments.WithValue.Contains(first) ? ["run", .. args] : args;
    }
}
