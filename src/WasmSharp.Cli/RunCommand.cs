using System.CommandLine;
using WasmSharp.Emscripten;
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
        var dirs = new Option<string[]>("--dir") { Description = "pre-open a host directory for the guest: DIR (same name), HOST::GUEST, or HOST::GUEST::ro (read-only: the guest can read but not create, write, rename or delete anything there)", HelpName = "HOST[::GUEST][::ro]", AllowMultipleArgumentsPerToken = false };
        var mapdirs = new Option<string[]>("--mapdir") { Description = "pre-open host directory HOST as GUEST (GUEST::HOST)" };
        var envs = new Option<string[]>("--env") { Description = "set an environment variable for the guest (NAME=VALUE), or pass the host's value on (NAME)" };
        var argv0 = new Option<string?>("--argv0") { Description = "the guest's argv[0] (default: the module file's name)" };
        var invoke = new Option<string?>("--invoke") { Description = "call this export instead of _start (after _initialize, if the module exports it); ARGS are its arguments, parsed by its type; results are printed" };
        var noCache = new Option<bool>("--disable-cache") { Description = "compile without reading or writing the cache of compiled modules" };
        var timings = new Option<bool>("--timings") { Description = "print on stderr how long loading the module (decode, validate, compile; or load from the cache) and running it took, in ms (WASMSHARP_TIMINGS=1 does the same)" };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "cache compiled modules in DIR (default: $XDG_CACHE_HOME/wasmsharp or ~/.cache/wasmsharp)", HelpName = "DIR" };
        var engine = new EngineOptions(allowNone: false);
        var fuel = new FuelOptions();
        var limits = new LimitOptions();
        var cmd = new Command("run", "Run a WebAssembly module (a WASI command, or any export with --invoke). Exit code: the guest's " +
            "(its proc_exit code, 0 when it returns); 1 error, 2 bad command line, 134 trap, 141 the guest kept writing to a closed pipe")
        {
            file, guestArgs, dirs, mapdirs, envs, invoke, argv0, noCache, cacheDir, timings,
        };
        engine.AddTo(cmd);
        fuel.AddTo(cmd);
        limits.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var module = parse.GetValue(file)!;
            // an unknown option before the file lands in the file argument
            if (module.ToString().StartsWith('-')) throw new UsageException($"unknown option '{module}' for run");
            var options = new RunOptions(module, parse.GetValue(guestArgs) ?? [], parse.GetValue(dirs) ?? [],
                parse.GetValue(mapdirs) ?? [], parse.GetValue(envs) ?? [], parse.GetValue(invoke), parse.GetValue(argv0));
            var budget = fuel.Budget(parse);
            var guestLimits = limits.Parse(parse);
            var wasmEngine = engine.Create(parse, c => FuelOptions.Apply(c, budget))!;
            var metering = new Metering(budget, budget is not null && parse.GetValue(fuel.Report));
            var cache = parse.GetValue(noCache) ? null : new ModuleCache(parse.GetValue(cacheDir) ?? ModuleCache.DefaultDirectory());
            return GuestThread.Run(wasmEngine.Config, () => Run(options, wasmEngine, metering, () => CompileStatus.Load(wasmEngine, options.File.Name, () => ModuleLoader.Load(wasmEngine, options.File, cache)), guestLimits,
                parse.GetValue(timings) || PhaseTimings.FromEnvironment()));
        });
        return cmd;
    }

    /// <summary>The guest's fuel budget (null: unmetered) and whether to report its use at exit.</summary>
    internal readonly record struct Metering(long? Budget, bool Report)
    {
        public static readonly Metering None = new(null, false);
    }

    /// <summary>Runs the module <paramref name="load"/> returns as <paramref name="o"/> asks (also an executable's
    /// embedded module: see <see cref="EmbeddedApp"/>).</summary>
    internal static int Run(RunOptions o, Engine engine, Metering metering, Func<Module> load, GuestLimits? limits = null, bool timings = false)
    {
        using var store = FuelOptions.CreateStore(engine, metering.Budget);
        using var timeout = limits?.Apply(store);
        var phases = timings ? new PhaseTimings(engine) : null;
        try
        {
            var config = o.WasiConfig();
            using var module = load();
            phases?.Loaded();
            if (o.Invoke is null && EmscriptenModule.IsEmscripten(module)) return EmscriptenRunner.Run(store, module, config); // emcc's runtime, natively
            return o.Invoke is null ? WasiRunner.Run(store, module, config) : Invoke(store, module, config, o.Invoke, o.Args);
        }
        catch (TrapException t)
        {
            TrapReport.Print(o.File.Name, t, engine.Config, limits?.Hint(t));
            return ExitCodes.Trap;
        }
        catch (Exception e)
        {
            return WatDiagnostics.Report(e, o.File, o.File.Name);
        }
        finally
        {
            phases?.Print();
            if (metering.Report) FuelOptions.PrintReport(store);
        }
    }

    /// <summary>Calls an export with arguments parsed by its parameter types, printing each result on a line.
    /// A reactor's <c>_initialize</c> runs first; a command's <c>_start</c> does not run at all.</summary>
    private static int Invoke(Store store, Module module, WasiConfig config, string name, string[] args)
    {
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
