namespace WasmSharp.Cil.Tests.FuzzExec;

/// <summary>What <c>wasm-opt --fuzz-exec-before</c> does, on one of our engines: instantiate with the
/// <c>fuzzing-support</c> log imports, call every exported function in order with zero arguments, each after the
/// export <c>hangLimitInitializer</c> if there is one (it resets the fuzzer's loop budget), and note each logged
/// value, result and trap.</summary>
public static class FuzzExecRun
{
    public static List<FuzzExecEntry> Run(Engine engine, byte[] wasm)
    {
        var entries = new List<FuzzExecEntry>();
        using var store = new Store(engine);
        var linker = new Linker();
        foreach (var t in new[] { ValType.I32, ValType.I64, ValType.F32, ValType.F64 })
            linker.DefineFunction("fuzzing-support", "log-" + t.Name(), new FuncType([t], []), (a, _) => entries.Add(new FuzzExecEntry.Logged(null, a[0])));
        var module = Module.FromBytes(engine, wasm);
        var instance = linker.Instantiate(store, module);
        var hangLimit = instance.GetFunction("hangLimitInitializer");
        foreach (var export in module.Exports)
        {
            if (export.Kind != ExternKind.Func) continue;
            var f = instance.GetFunction(export.Name)!;
            entries.Add(new FuzzExecEntry.Calling(export.Name));
            try
            {
                hangLimit?.Invoke();
                var results = f.Invoke(f.Type.Params.Select(Value.Default).ToArray());
                if (results.Length > 0) entries.Add(new FuzzExecEntry.Result(export.Name, null, results));
            }
            catch (TrapException)
            {
                entries.Add(new FuzzExecEntry.Trap());
            }
        }
        return entries;
    }

    /// <summary>The first difference between binaryen's transcript and ours, or null. A transcript kept without its
    /// trap lines (as in ../shared/repro) is compared without ours.</summary>
    public static string? FirstDifference(IReadOnlyList<FuzzExecEntry> expected, IReadOnlyList<FuzzExecEntry> actual)
    {
        if (!expected.Any(e => e is FuzzExecEntry.Trap)) actual = actual.Where(e => e is not FuzzExecEntry.Trap).ToList();
        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count) return $"entry {i}: unexpected {actual[i]}";
            if (i >= actual.Count) return $"entry {i}: missing {expected[i]}";
            if (!Same(expected[i], actual[i])) return $"entry {i}: expected {Show(expected[i])}, got {Show(actual[i])}";
        }
        return null;
    }

    private static bool Same(FuzzExecEntry e, FuzzExecEntry a) => (e, a) switch
    {
        (FuzzExecEntry.Calling c, FuzzExecEntry.Calling d) => c.Export == d.Export,
        (FuzzExecEntry.Logged l, FuzzExecEntry.Logged m) => FuzzExecValue.Matches(l.Text!, m.Value!.Value),
        (FuzzExecEntry.Result r, FuzzExecEntry.Result s) => r.Export == s.Export && r.Texts!.Count == s.Values!.Count
            && r.Texts.Zip(s.Values).All(p => FuzzExecValue.Matches(p.First, p.Second)),
        (FuzzExecEntry.Trap, FuzzExecEntry.Trap) => true,
        _ => false,
    };

    private static string Show(FuzzExecEntry e) => e switch
    {
        FuzzExecEntry.Logged { Value: { } v } => $"log {v}",
        FuzzExecEntry.Logged l => $"log {l.Text}",
        FuzzExecEntry.Result { Values: { } vs } r => $"{r.Export} => ({string.Join(", ", vs)})",
        FuzzExecEntry.Result r => $"{r.Export} => ({string.Join(", ", r.Texts!)})",
        _ => e.ToString(),
    };
}
