using System.CommandLine;
using WasmSharp.Cli;

if (EmbeddedApp.TryRun(args, out int embeddedExit)) return embeddedExit; // an executable made by create-exe

var root = new RootCommand("WasmSharp: a WebAssembly runtime for .NET")
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
return CommandLine.Invoke(root, GuestArguments.Separate(args));
