using System.CommandLine;
using WasmSharp.Cli;

var root = new RootCommand("WasmSharp: a WebAssembly runtime for .NET")
{
    ValidateCommand.Create(),
    InspectCommand.Create(),
    WastCommand.Create(),
};
return root.Parse(args).Invoke();
