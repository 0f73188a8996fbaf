using System.CommandLine;
using WasmSharp.Wasi;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp run [options] FILE [--] [ARGS...]</c>: runs a WASI command (<c>_start</c>) or, with <c>--invoke</c>,
/// any export. Everything after FILE goes to the guest. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat)" };
        var guestArgs = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "arguments for the guest (or for the --invoke function); a -- right after FILE is skipped" };
        var dirs = new Option<string[]>("--dir") { Description = "pre-open a host directory under the same name (DIR, or HOST::GUEST)", AllowMultipleArgumentsPerToken = false };
        var mapdirs = new Option<string[]>("--mapdir") { Description = "pre-open host directory HOST as GUEST (GUEST::HOST)" };
        var envs = new Option<string[]>("--env") { Description = "set an environment variable for the guest (NAME=VALUE), or pass the host's value on (NAME)" };
        var argv0 = new Option<string?>("--argv0") { Description = "the guest's argv[0] (default: the module file's name)" };
        var invoke = new Option<string?>("--invoke") { Description = "call this export instead of _start (after _initialize, if the module exports it); ARGS are its arguments, parsed by its type; results are printed" };
        var engine = new EngineOptions(allowNone: false);
        var cmd = new Command("run", "Run a WebAssembly module (a WASI command, or any export with --invoke). Exit code: the guest's " +
            "(its proc_exit code, 0 when it returns); 1 error, 2 bad command line, 134 trap, 141 the guest kept writing to a closed pipe")
        {
            file, guestArgs, dirs, mapdirs, envs, invoke, argv0,
        };
        engine.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var module = parse.GetValue(file)!;
            // an unknown option before the file lands in the file argument
            if (module.ToString().StartsWith('-')) throw new UsageException($"unknown option '{module}' for run");
            var options = new RunOptions(module, parse.GetValue(guestArgs) ?? [], parse.GetValue(dirs) ?? [],
                parse.GetValue(mapdirs) ?? [], parse.GetValue(envs) ?? [], parse.GetValue(invoke), parse.GetValue(argv0));
            var wasmEngine = engine.Create(parse)!;
            return GuestThread.Run(wasmEngine.Config, () => Run(options, wasmEngine));
        });
        return cmd;
    }

    private static int Run(RunOptions o, Engine engine)
    {
        try
        {
            var config = o.WasiConfig();
            using var module = Module.FromBytes(engine, ModuleFiles.Read(o.File.FullName), o.File.Name);
            return o.Invoke is null ? WasiRunner.Run(module, config) : Invoke(module, config, o.Invoke, o.Args);
        }
        catch (TrapException t)
        {
            TrapReport.Print(o.File.Name, t, engine.Config);
            return ExitCodes.Trap;
        }
        catch (Exception e)
        {
            return Failures.Report(e, o.File.Name);
        }
    }

    /// <summary>Calls an export with arguments parsed by its parameter types, printing each result on a line.
    /// A reactor's <c>_initialize</c> runs first; a command's <c>_start</c> does not run at all.</summary>
    private static int Invoke(Module module, WasiConfig config, string name, string[] args)
    {
        using var store = new Store(module.Engine);
        using var wasi = new WasiContext(config);
        try
        {
            var instance = WasiRunner.Instantiate(store, module, wasi);
            var f = instance.GetFunction(name) ?? throw new UsageException($"no exported function \"{name}\"");
            var values = InvokeValues.Parse(name, f.Type, args);
            WasiRunner.Initialize(instance);
            foreach (var r in f.Invoke(values)) Console.WriteLine(InvokeValues.Format(r));
            return ExitCodes.Success;
        }
        catch (WasiExitException e)
        {
            return e.ExitCode;
        }
        finally
        {
            wasi.FlushStdio();
        }
    }
}
