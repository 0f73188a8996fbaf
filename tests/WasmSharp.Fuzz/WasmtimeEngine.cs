namespace WasmSharp.Fuzz;

/// <summary>Wasmtime (Cranelift) through its NuGet .NET embedding: the independent reference, test-only.</summary>
public sealed class WasmtimeEngine : IEngineUnderTest, IDisposable
{
    private readonly Wasmtime.Engine _engine;
    private List<string> _log = [];

    public string Name => "wasmtime";

    public WasmtimeEngine()
    {
        // Fuzz modules use sign extension, saturating truncation, bulk memory, multi-value and (our generator)
        // reference types: all on by default in this Wasmtime; SIMD too.
        _engine = new Wasmtime.Engine(new Wasmtime.Config().WithParallelCompilation(false));
    }

    public ModuleRun Run(byte[] wasm)
    {
        using var module = Wasmtime.Module.FromBytes(_engine, "fuzz", wasm);
        using var store = new Wasmtime.Store(_engine);
        using var linker = Loggers();
        var calls = new List<CallOutcome>();
        Wasmtime.Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
        }
        catch (Wasmtime.TrapException t)
        {
            calls.Add(new CallOutcome("(instantiate)", Outcomes.Trap(TrapName(t)), TakeLog()));
            return new ModuleRun(Name, calls, [], []);
        }
        foreach (var export in module.Exports.OfType<Wasmtime.FunctionExport>())
        {
            var f = instance.GetFunction(export.Name)!;
            calls.Add(new CallOutcome(export.Name, Call(f, export), TakeLog()));
        }
        return new ModuleRun(Name, calls, Memory(module, instance), Globals(module, instance));
    }

    private static string Call(Wasmtime.Function f, Wasmtime.FunctionExport export)
    {
        var args = export.Parameters.Select(Zero).ToArray();
        try
        {
            object? result = f.Invoke(args);
            IEnumerable<object?> results = result switch
            {
                null => [],
                object[] many => many,
                _ => [result],
            };
            return Outcomes.Join(results.Select(Format));
        }
        catch (Wasmtime.TrapException t)
        {
            return Outcomes.Trap(TrapName(t));
        }
    }

    private static Wasmtime.ValueBox Zero(Wasmtime.ValueKind kind) => kind switch
    {
        Wasmtime.ValueKind.Int32 => 0,
        Wasmtime.ValueKind.Int64 => 0L,
        Wasmtime.ValueKind.Float32 => 0f,
        Wasmtime.ValueKind.Float64 => 0d,
        Wasmtime.ValueKind.V128 => new Wasmtime.V128(new byte[16]),
        _ => throw new NotSupportedException($"fuzz exports take numbers only, not {kind}"),
    };

    private static string Format(object? value) => value switch
    {
        int i => Outcomes.I32(i),
        long l => Outcomes.I64(l),
        float f => Outcomes.F32Bits(BitConverter.SingleToUInt32Bits(f)),
        double d => Outcomes.F64Bits(BitConverter.DoubleToUInt64Bits(d)),
        Wasmtime.V128 v => V128(v),
        null => "ref:null",
        _ => "ref:non-null",
    };

    private Wasmtime.Linker Loggers()
    {
        var linker = new Wasmtime.Linker(_engine);
        const string m = FuzzingSupport.ModuleName;
        linker.DefineFunction(m, "log-i32", (int v) => _log.Add(Outcomes.I32(v)));
        linker.DefineFunction(m, "log-i64", (long v) => _log.Add(Outcomes.I64(v)));
        linker.DefineFunction(m, "log-f32", (float v) => _log.Add(Outcomes.F32Bits(BitConverter.SingleToUInt32Bits(v))));
        linker.DefineFunction(m, "log-f64", (double v) => _log.Add(Outcomes.F64Bits(BitConverter.DoubleToUInt64Bits(v))));
        linker.DefineFunction(m, "log-v128", (Wasmtime.V128 v) => _log.Add(V128(v)));
        return linker;
    }

    private static string V128(Wasmtime.V128 v)
    {
        Span<byte> bytes = stackalloc byte[16];
        v.CopyTo(bytes);
        return Outcomes.V128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }

    private List<string> TakeLog()
    {
        var taken = _log;
        _log = [];
        return taken;
    }

    private static byte[] Memory(Wasmtime.Module module, Wasmtime.Instance instance)
    {
        var name = module.Exports.OfType<Wasmtime.MemoryExport>().FirstOrDefault()?.Name;
        if (name is null || instance.GetMemory(name) is not { } memory) return [];
        return memory.GetSpan(0, checked((int)memory.GetLength())).ToArray();
    }

    private static IReadOnlyList<string> Globals(Wasmtime.Module module, Wasmtime.Instance instance) =>
        module.Exports.OfType<Wasmtime.GlobalExport>()
            .Select(e => $"{e.Name}={Format(instance.GetGlobal(e.Name)!.GetValue())}").ToList();

    /// <summary>Wasmtime's trap codes in the spec's words, as <see cref="WasmSharpEngine.TrapName"/> words ours.</summary>
    private static string TrapName(Wasmtime.TrapException t) => t.Type switch
    {
        Wasmtime.TrapCode.Unreachable => TrapKind.Unreachable.Message(),
        Wasmtime.TrapCode.IntegerDivisionByZero => TrapKind.IntegerDivideByZero.Message(),
        Wasmtime.TrapCode.IntegerOverflow => TrapKind.IntegerOverflow.Message(),
        Wasmtime.TrapCode.BadConversionToInteger => TrapKind.InvalidConversionToInteger.Message(),
        Wasmtime.TrapCode.MemoryOutOfBounds => TrapKind.OutOfBoundsMemoryAccess.Message(),
        Wasmtime.TrapCode.TableOutOfBounds => TrapKind.OutOfBoundsTableAccess.Message(),
        Wasmtime.TrapCode.IndirectCallToNull => TrapKind.UninitializedElement.Message(),
        Wasmtime.TrapCode.BadSignature => TrapKind.IndirectCallTypeMismatch.Message(),
        Wasmtime.TrapCode.StackOverflow => TrapKind.CallStackExhausted.Message(),
        Wasmtime.TrapCode.Interrupt => TrapKind.Interrupted.Message(),
        var other => "wasmtime " + other,
    };

    public void Dispose() => _engine.Dispose();
}
