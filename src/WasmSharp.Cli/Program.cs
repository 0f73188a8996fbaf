using System.CommandLine;
using WasmSharp.Cli;

var root = new RootCommand("WasmSharp: a WebAssembly runtime for .NET")
{
    RunCommand.Create(),
    CompileCommand.Create(),
    CacheCommand.Create(),
    ValidateCommand.Create(),
    InspectCommand.Create(),
    WastCommand.Create(),
    Wat2WasmCommand.Create(),
};
return CommandLine.Invoke(root, GuestArguments.Separate(args));
