using System.Text;
using WasmSharp.Wasi;

namespace WasmSharp.Emscripten;

/// <summary>
/// Runs a program emcc built, without its JavaScript: links emcc's runtime imports natively, then starts it as
/// the glue does — <c>_start</c> for <c>-sSTANDALONE_WASM</c>; otherwise the stack and constructors, then
/// <c>main(argc, argv)</c> with argv on the guest's stack. Returns the exit code.
/// </summary>
public static class EmscriptenRunner
{
    /// <summary>The environment the glue gives every program; the caller's variables are added over it.</summary>
    private static readonly (string Name, string Value)[] DefaultEnvironment =
        [("USER", "web_user"), ("LOGNAME", "web_user"), ("PATH", "/"), ("PWD", "/"), ("HOME", "/home/web_user"), ("LANG", "C.UTF-8")];

    /// <summary>As for a trap (and a native abort()): 128 + SIGABRT.</summary>
    public const int AbortExit = 134;

    /// <summary>Runs <paramref name="module"/>: its exit code (exit(), proc_exit or main's result), or
    /// <see cref="AbortExit"/> after abort() or an uncaught C++ exception, whose "Aborted(...)" line goes to the
    /// guest's stderr as the glue prints it. <see cref="TrapException"/> for traps, <see cref="LinkException"/>
    /// naming any import WasmSharp does not provide.</summary>
    public static int Run(Module module, WasiConfig config, CancellationToken cancellation = default)
    {
        using var store = new Store(module.Engine);
        return Run(store, module, config, cancellation);
    }

    /// <summary>Runs <paramref name="module"/> in <paramref name="store"/>, which the caller prepared (fuel, say) and
    /// may inspect afterwards.</summary>
    public static int Run(Store store, Module module, WasiConfig config, CancellationToken cancellation = default)
    {
        if (EmscriptenModule.IsMinified(module))
            throw new LinkException("this Emscripten module has minified import names (emcc -O3, -Os or -Oz in JavaScript mode); " +
                "only its .js file knows what they mean. Rebuild with -O2 or lower, or add -g or -sASSERTIONS, or build with -sSTANDALONE_WASM");
        bool standalone = module.Exports.Any(e => e.Name == "_start");
        using var wasi = new WasiContext(standalone ? config : WithDefaults(config));
        var env = new EmscriptenEnv(wasi);
        var linker = new Linker();
        EmscriptenLinking.Define(linker, module, env);
        using var _ = cancellation.Register(store.Interrupt);
        try
        {
            var instance = linker.Instantiate(store, module);
            env.Bind(instance);
            return standalone ? Start(instance) : Main(instance, env, config.Args);
        }
        catch (WasiExitException e)
        {
            return e.ExitCode;
        }
        catch (GuestUnwind u)
        {
            return Aborted(wasi, new EmscriptenAbortException(u.Thrown == 0 ? "longjmp without a matching setjmp" : $"uncaught C++ exception (object at {u.Thrown})"));
        }
        catch (EmscriptenAbortException e)
        {
            return Aborted(wasi, e);
        }
        finally
        {
            wasi.FlushStdio();
        }
    }

    private static int Aborted(WasiContext wasi, EmscriptenAbortException e)
    {
        wasi.FlushStdio();
        if (wasi.Fds.Contains(2) && wasi.Fds.Get(2) is Wasi.Descriptors.StreamDescriptor { Readable: false } err)
        {
            err.Stream.Write(Encoding.UTF8.GetBytes(e.Message + "\n"));
            err.Stream.Flush();
        }
        return AbortExit;
    }

    private static WasiConfig WithDefaults(WasiConfig config)
    {
        var copy = new WasiConfig
        {
            Stdin = config.Stdin, Stdout = config.Stdout, Stderr = config.Stderr,
            InheritStdin = config.InheritStdin, InheritStdout = config.InheritStdout, InheritStderr = config.InheritStderr,
        };
        copy.Args.AddRange(config.Args);
        copy.Preopens.AddRange(config.Preopens);
        foreach (var (name, value) in DefaultEnvironment.Append(("_", config.Args.FirstOrDefault() ?? "./this.program")))
            if (!config.Environment.Any(kv => kv.Key == name)) copy.WithEnv(name, value);
        copy.Environment.AddRange(config.Environment);
        return copy;
    }

    private static int Start(Instance instance)
    {
        instance.GetFunction("_start")!.Invoke();
        return 0;
    }

    /// <summary>The glue's run(): stack, constructors, main; then, after main returns or exit() — as in a native
    /// program, or emcc's EXIT_RUNTIME — stdio flushed through the module's own <c>__stdio_exit</c>. (emcc's default
    /// glue drops a last line that lacks its newline; WasmSharp prints it.)</summary>
    private static int Main(Instance instance, EmscriptenEnv env, List<string> args)
    {
        instance.GetFunction("emscripten_stack_init")?.Invoke();
        instance.GetFunction("__wasm_call_ctors")?.Invoke();
        var main = instance.GetFunction("main") ?? instance.GetFunction("__main_argc_argv") ??
            throw new InvalidOperationException("the Emscripten module exports neither \"main\" nor \"_start\": build it as a program (emcc x.c -o x.js)");
        int code;
        try
        {
            code = main.Type.Params.Length == 0 ? main.Invoke()[0].AsInt32() : main.Invoke(Argv(env, args))[0].AsInt32();
        }
        catch (WasiExitException e)
        {
            code = e.ExitCode;
        }
        instance.GetFunction("__stdio_exit")?.Invoke();
        return code;
    }

    /// <summary>argc and argv on the guest's stack (stackAlloc), as callMain builds them.</summary>
    private static Value[] Argv(EmscriptenEnv env, List<string> args)
    {
        var argv = args.Count == 0 ? ["./this.program"] : args;
        var stackAlloc = env.Export("stackAlloc");
        uint table = Alloc(stackAlloc, (argv.Count + 1) * 4);
        for (int i = 0; i < argv.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(argv[i]);
            uint s = Alloc(stackAlloc, bytes.Length + 1);
            var span = env.Mem.Span(s, (uint)bytes.Length + 1);
            bytes.CopyTo(span);
            span[bytes.Length] = 0;
            env.I32(table + (uint)i * 4, (int)s);
        }
        env.I32(table + (uint)argv.Count * 4, 0);
        return [Value.I32(argv.Count), Value.I32((int)table)];
    }

    private static uint Alloc(Function stackAlloc, int size) => (uint)stackAlloc.Invoke(Value.I32(size))[0].AsInt32();
}
