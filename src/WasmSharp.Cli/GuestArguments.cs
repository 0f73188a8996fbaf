namespace WasmSharp.Cli;

/// <summary>
/// For <c>run</c>, everything after the module file belongs to the guest, even words that look like options
/// (<c>wasmsharp run app.wasm --verbose</c>), as with wasmtime and wasmer. Inserts <c>--</c> after the file so the
/// parser leaves them alone.
/// </summary>
internal static class GuestArguments
{
    /// <summary>run's options that take a value (the next token is not the file).</summary>
    private static readonly HashSet<string> WithValue = ["--dir", "--mapdir", "--env", "--invoke", "--compiler", "--cpu", "--target", "--bounds-checks"];

    public static string[] Separate(string[] args)
    {
        if (args.Length == 0 || args[0] != "run") return args;
        for (int i = 1; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") return args;
            if (WithValue.Contains(a)) { i++; continue; }
            if (a.StartsWith('-')) continue;
            // args[i] is the file
            return [.. args[..(i + 1)], "--", .. args[(i + 1)..]];
        }
        return args;
    }
}
