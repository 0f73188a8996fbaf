namespace WasmSharp.Cli;

/// <summary>
/// For <c>run</c>, everything after the module file belongs to the guest, even words that look like options
/// (<c>wasmsharp run app.wasm --verbose</c>), as with wasmtime and wasmer. Inserts <c>--</c> after the file so the
/// parser leaves them alone. A <c>--</c> the user typed right after the file (Wasmer's habit) or before it
/// (<c>run -- app.wasm a</c>) is that separator, not a guest argument; any later <c>--</c> goes to the guest.
/// </summary>
internal static class GuestArguments
{
    /// <summary>run's options that take a value (the next token is not the file).</summary>
    public static readonly IReadOnlySet<string> WithValue = new HashSet<string> { "--dir", "--mapdir", "--env", "--invoke", "--compiler", "--cpu", "--max-wasm-stack", "--target", "--cache-dir", "--fuel", "--argv0", "--bounds-checks", "--max-memory", "--timeout", "--max-stack-height", "--disable-features" };

    public static string[] Separate(string[] args)
    {
        if (args.Length == 0 || args[0] != "run") return args;
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") return args;
            if (WithValue.Contains(a)) { i++; continue; }
            if (a.StartsWith('-')) continue;
            // args[i] is the file; a "--" right after it already separates
            bool separated = i + 1 < args.Length && args[i + 1] == "--";
            return separated ? args : [.. args[..(i + 1)], "--", .. args[(i + 1)..]];
        }
        return args;
    }
}
