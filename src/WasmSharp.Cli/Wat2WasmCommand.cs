using System.CommandLine;
using WasmSharp.Text;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp wat2wasm IN.wat -o OUT.wasm</c>: parses WAT text and writes the binary module.</summary>
internal static class Wat2WasmCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "WAT text module" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "where to write the .wasm (default: the input with .wasm)" };
        var noValidate = new Option<bool>("--no-validate") { Description = "write the binary even if it does not validate" };
        var cmd = new Command("wat2wasm", "Convert a WebAssembly text module (.wat) to binary (.wasm)") { input, output, noValidate };
        cmd.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(output), !parse.GetValue(noValidate)));
        return cmd;
    }

    private static int Run(FileInfo input, FileInfo? output, bool validate)
    {
        string target = output?.FullName ?? Path.ChangeExtension(input.FullName, ".wasm");
        try
        {
            var bytes = Wat.ToBinary(File.ReadAllText(input.FullName));
            if (validate) ModuleInfo.Load(bytes);
            File.WriteAllBytes(target, bytes);
            return 0;
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(WatDiagnostics.Line(e, input));
            return 1;
        }
    }
}
