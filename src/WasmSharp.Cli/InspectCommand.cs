using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp inspect FILE [--json]</c>: what a module declares, for a person or a tool.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat)" };
        var json = new Option<bool>("--json") { Description = "Print JSON for tools" };
        var cmd = new Command("inspect", "Show a module's types, imports, exports, memories, tables, globals and sections") { file, json };
        cmd.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json)));
        return cmd;
    }

    private static int Run(FileInfo file, bool json)
    {
        ModuleInfo module;
        try
        {
            var bytes = ModuleFiles.Read(file.FullName);
            if (Artifacts.ArtifactFormat.LooksLikeArtifact(bytes)) return ArtifactSummary.Print(bytes, file.Name, json);
            module = ModuleInfo.Load(bytes);
        }
        catch (Exception e) when (e is WasmException or Artifacts.ArtifactException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(WatDiagnostics.Line(e, file));
            return 1;
        }
        var summary = ModuleSummary.From(module);
        Console.Write(json ? summary.ToJson() : summary.ToText(file.Name));
        return 0;
    }
}
