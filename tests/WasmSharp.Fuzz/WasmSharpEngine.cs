using WasmSharp.Singlepass;

namespace WasmSharp.Fuzz;

/// <summary>A WasmSharp compiler (Singlepass on one CPU path, or CIL) as an engine under test.</summary>
public sealed partial class WasmSharpEngine : IEngineUnderTest
{
    /// <summary>A call still running after this long is interrupted and the module counted inconclusive.</summary>
    private const int CallTimeLimitMs = 10_000;

    private readonly Engine _engine;
    private List<string> _log = [];

    public string Name { get; }

    private WasmSharpEngine(string name, Engine engine)
    {
        Name = name;
        _engine = engine;
    }

    public static WasmSharpEngine Singlepass(X64CpuLevel cpu) =>
        new($"singlepass-{(cpu == X64CpuLevel.Avx ? "avx" : "sse4.2")}",
            new Engine(new SinglepassCompiler(), new EngineConfig { X64Cpu = cpu }));

    /// <summary>Singlepass for the ISA this process runs on, default CPU features (the arm64 replay's engine).</summary>
    public static WasmSharpEngine SinglepassOfHost() =>
        new($"singlepass-{TargetIsas.Host.ToString().ToLowerInvariant()}", new Engine(new SinglepassCompiler()));

    public ModuleRun Run(byte[] wasm)
    {
        using var module = Module.FromBytes(_engine, wasm);
        using var store = new Store(_engine);
        var calls = new List<CallOutcome>();
        Instance instance;
        try
        {
            instance = Loggers().Instantiate(store, module);
        }
        catch (TrapException t)
        {
            calls.Add(new CallOutcome("(instantiate)", Outcomes.Trap(TrapName(t.Kind)), TakeLog()));
            return new ModuleRun(Name, calls, [], []);
        }
        foreach (var export in module.Exports)
        {
            if (export.Kind != ExternKind.Func || instance.GetFunction(export.Name) is not { } f) continue;
            calls.Add(new CallOutcome(export.Name, Call(store, f), TakeLog()));
        }
        return new ModuleRun(Name, calls, ExportedMemory(module, instance), Globals(module, instance));
    }

    private string Call(Store store, Function f)
    {
        using var limit = new Timer(_ => store.Interrupt(), null, CallTimeLimitMs, Timeout.Infinite);
        try
        {
            return Outcomes.Join(f.Invoke(f.Type.Params.Select(Value.Default).ToArray()).Select(Format));
        }
        catch (TrapException t)
        {
            return Outcomes.Trap(TrapName(t.Kind));
        }
    }

    private Linker Loggers()
    {
        var linker = new Linker();
        foreach (var (name, type) in FuzzingSupport.Loggers)
            linker.DefineFunction(FuzzingSupport.ModuleName, name, new FuncType([type], []),
                (args, _) => _log.Add(FuzzingSupport.Format(type, args[0].Bits, args[0].HighBits)));
        return linker;
    }

    private List<string> TakeLog()
    {
        var taken = _log;
        _log = [];
        return taken;
    }

    /// <summary>The first exported memory, as the reference sees it (an unexported memory is not observable).</summary>
    private static byte[] ExportedMemory(Module module, Instance instance) =>
        module.Exports.FirstOrDefault(e => e.Kind == ExternKind.Memory) is { } e
            ? instance.GetMemory(e.Name)!.Span.ToArray() : [];

    private static IReadOnlyList<string> Globals(Module module, Instance instance) =>
        module.Exports.Where(e => e.Kind == ExternKind.Global)
            .Select(e => $"{e.Name}={Format(instance.GetGlobal(e.Name)!.Value)}").ToList();

    public static string Format(Value v) => v.Type switch
    {
        ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64 or ValType.V128 => FuzzingSupport.Format(v.Type, v.Bits, v.HighBits),
        _ => v.Ref is null ? "ref:null" : "ref:non-null",
    };

    /// <summary>The spec's trap message, with "undefined element" folded into "out of bounds table access": engines
    /// word an out-of-range <c>call_indirect</c> index either way.</summary>
    public static string TrapName(TrapKind kind) =>
        kind == TrapKind.UndefinedElement ? TrapKind.OutOfBoundsTableAccess.Message() : kind.Message();
}
