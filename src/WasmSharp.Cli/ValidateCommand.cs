using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp validate FILE...</c>: decode and validate; exit 0 only when every file is valid.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "WebAssembly modules (.wasm or .wat)" };
        var cmd = new Command("validate", "Check that modules are well-formed and valid") { files };
        cmd.SetAction(parse => Run(parse.GetValue(files)!));
        return cmd;
    }

    private static int Run(FileInfo[] files)
    {
        int bad = 0;
        foreach (var f in files)
        {
            try
            {
                ModuleInfo.Load(ModuleFiles.Read(f.FullName));
                Console.WriteLine($"{f.Name}: valid");
            }
            catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException)
            {
                bad++;
                Console.Error.WriteLine(WatDiagnostics.Line(e, f));
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
