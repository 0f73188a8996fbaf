using System.CommandLine;
using System.Globalization;
using WasmSharp.Wasi;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp run [options] FILE [ARGS...]</c>: runs a WASI command (<c>_start</c>) or, with <c>--invoke</c>, any
/// export. Everything after FILE goes to the guest. Exit code: the guest's <c>proc_exit</c> code (0 when
/// <c>_start</c> returns); <see cref="TrapExit"/> after a trap; 1 when the module cannot be loaded or linked.
/// </summary>
internal static class RunCommand
{
    /// <summary>As Wasmtime does: 128 + SIGABRT.</summary>
    public const int TrapExit = 134;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat)" };
        var guestArgs = new Argument<string[]>("args") { Arity = ArgumentArity.ZeroOrMore, Description = "arguments for the guest (or for the --invoke function)" };
        var dirs = new Option<string[]>("--dir") { Description = "pre-open a host directory under the same name (DIR, or HOST::GUEST)", AllowMultipleArgumentsPerToken = false };
        var mapdirs = new Option<string[]>("--mapdir") { Description = "pre-open host directory HOST as GUEST (GUEST::HOST)" };
        var envs = new Option<string[]>("--env") { Description = "set an environment variable for the guest (KEY=VALUE)" };
        var invoke = new Option<string?>("--invoke") { Description = "call this export instead of _start; ARGS are its arguments, parsed by its type; results are printed" };
        var engine = new EngineOptions();
        var cmd = new Command("run", "Run a WebAssembly module (a WASI command, or any export with --invoke)")
        {
            file, guestArgs, dirs, mapdirs, envs, invoke,
        };
        engine.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var options = new RunOptions(parse.GetValue(file)!, parse.GetValue(guestArgs) ?? [], parse.GetValue(dirs) ?? [],
                parse.GetValue(mapdirs) ?? [], parse.GetValue(envs) ?? [], parse.GetValue(invoke));
            return Run(options, () => engine.Create(parse) ?? throw new ArgumentException("run needs a compiler"));
        });
        return cmd;
    }

    private sealed record RunOptions(FileInfo File, string[] Args, string[] Dirs, string[] MapDirs, string[] Env, string? Invoke);

    private static int Run(RunOptions o, Func<Engine> makeEngine)
    {
        Module module;
        WasiConfig config;
        try
        {
            config = Config(o);
            module = Module.FromBytes(makeEngine(), ModuleFiles.Read(o.File.FullName), o.File.Name);
        }
        catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"error: {o.File.Name}: {ValidateCommand.Describe(e)}");
            return 1;
        }
        try
        {
            return o.Invoke is null ? WasiRunner.Run(module, config) : Invoke(module, config, o.Invoke, o.Args);
        }
        catch (TrapException t)
        {
            Console.Error.WriteLine($"error: {o.File.Name}: wasm trap: {t.Kind.Message()}");
            foreach (var frame in t.WasmStackTrace) Console.Error.WriteLine($"    at {frame}");
            return TrapExit;
        }
        catch (LinkException e)
        {
            Console.Error.WriteLine($"error: {o.File.Name}: {e.Message}");
            return 1;
        }
        // NotSupportedException: code compiled for another ISA (--target) is refused, not run
        catch (Exception e) when (e is WasmException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: {o.File.Name}: {e.Message}");
            return 1;
        }
        finally
        {
            module.Dispose();
        }
    }

    private static WasiConfig Config(RunOptions o)
    {
        var config = new WasiConfig().InheritStdio();
        config.Args.Add(o.File.Name);
        config.Args.AddRange(o.Invoke is null ? o.Args : []);
        foreach (var e in o.Env)
        {
            int eq = e.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--env expects KEY=VALUE, got \"{e}\"");
            config.WithEnv(e[..eq], e[(eq + 1)..]);
        }
        foreach (var d in o.Dirs)
        {
            int sep = d.IndexOf("::", StringComparison.Ordinal);
            if (sep < 0) config.PreopenDirectory(Directory(d), d);
            else config.PreopenDirectory(Directory(d[..sep]), d[(sep + 2)..]);
        }
        foreach (var m in o.MapDirs)
        {
            int sep = m.IndexOf("::", StringComparison.Ordinal);
            if (sep <= 0) throw new ArgumentException($"--mapdir expects GUEST::HOST, got \"{m}\"");
            config.PreopenDirectory(Directory(m[(sep + 2)..]), m[..sep]);
        }
        return config;
    }

    private static string Directory(string hostPath)
    {
        string full = Path.GetFullPath(hostPath);
        if (!System.IO.Directory.Exists(full)) throw new ArgumentException($"no such directory: {hostPath}");
        return full;
    }

    /// <summary>Calls an export with arguments parsed by its parameter types, printing each result on a line.</summary>
    private static int Invoke(Module module, WasiConfig config, string name, string[] args)
    {
        using var store = new Store(module.Engine);
        using var wasi = new WasiContext(config);
        var linker = new Linker();
        wasi.Define(linker);
        var instance = linker.Instantiate(store, module);
        // a library module need not export memory; WASI calls need it, so bind when there is one
        if (instance.GetMemory("memory") is not null) wasi.Bind(instance);
        var f = instance.GetFunction(name) ?? throw new ArgumentException($"no exported function \"{name}\"");
        var ps = f.Type.Params;
        if (args.Length != ps.Length) throw new ArgumentException($"\"{name}\" takes {ps.Length} arguments ({f.Type}), got {args.Length}");
        var values = new Value[ps.Length];
        for (int i = 0; i < ps.Length; i++) values[i] = Parse(ps[i], args[i]);
        try
        {
            foreach (var r in f.Invoke(values)) Console.WriteLine(Format(r));
            return 0;
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

    private static Value Parse(ValType t, string s)
    {
        var c = CultureInfo.InvariantCulture;
        return t switch
        {
            ValType.I32 => Value.I32(s.StartsWith('-') ? int.Parse(s, c) : (int)uint.Parse(s, c)),
            ValType.I64 => Value.I64(s.StartsWith('-') ? long.Parse(s, c) : (long)ulong.Parse(s, c)),
            ValType.F32 => Value.F32(float.Parse(s, c)),
            ValType.F64 => Value.F64(double.Parse(s, c)),
            ValType.FuncRef when s == "null" => Value.FuncRef(null),
            ValType.ExternRef when s == "null" => Value.ExternRef(null),
            _ => throw new ArgumentException($"cannot pass a {t.Name()} argument from the command line"),
        };
    }

    private static string Format(Value v) => v.Type switch
    {
        ValType.I32 => v.AsInt32().ToString(CultureInfo.InvariantCulture),
        ValType.I64 => v.AsInt64().ToString(CultureInfo.InvariantCulture),
        ValType.F32 => v.AsSingle().ToString("R", CultureInfo.InvariantCulture),
        ValType.F64 => v.AsDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
