using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp compile FILE -o OUT.wsm [engine options]</c>: compiles ahead of time into a precompiled
/// artifact that <c>run</c> loads without compiling. <c>--target x86_64-sse4.2</c> (or <c>--cpu sse4.2</c>) picks
/// the SSE4.2 code path.</summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "artifact to write (e.g. app.wsm)", Required = true };
        var engine = new EngineOptions(allowNone: false);
        var cmd = new Command("compile", "Compile a module ahead of time into a precompiled artifact (run it with 'wasmsharp run OUT.wsm')") { file, output };
        engine.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            var wasmEngine = engine.Create(parse)!;
            try
            {
                using var module = Module.FromBytes(wasmEngine, ModuleFiles.Read(input.FullName), input.Name);
                var artifact = module.Serialize();
                AtomicFile.Write(parse.GetValue(output)!.FullName, artifact);
                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                return Failures.Report(e, input.Name);
            }
        });
        return cmd;
    }
}
