using System.CommandLine;
using WasmSharp.Cli;

if (EmbeddedApp.TryRun(args, out int embeddedExit)) return embeddedExit; // an executable made by create-exe

var root = new RootCommand("WasmSharp: a WebAssembly runtime for .NET. `wasmsharp FILE [ARGS...]` is short for `wasmsharp run FILE [ARGS...]`.")
{
    RunCommand.Create(),
    CompileCommand.Create(),
    CacheCommand.Create(),
    CreateExeCommand.Create(),
    ValidateCommand.Create(),
    InspectCommand.Create(),
    WastCommand.Create(),
    Wat2WasmCommand.Create(),
};
VersionReport.Install(root);
return CommandLine.Invoke(root, GuestArguments.Separate(ImplicitRun.Apply(root, args)));
