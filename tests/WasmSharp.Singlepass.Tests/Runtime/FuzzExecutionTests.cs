using WasmSharp.Wast;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Mutated real modules that still validate are compiled, instantiated against made-up imports, and every exported
/// function is called with zero arguments under a time limit enforced by interruption. Each call must end in
/// results, a trap, or a clean WasmSharp error: the process must survive.
/// </summary>
public class FuzzExecutionTests(ITestOutputHelper output)
{
    [Fact]
    public void MutatedModulesRunToResultTrapOrCleanError()
    {
        var corpus = ModuleMutator.Corpus(perScript: 8);
        var rng = new Random(31337);
        var engine = Wasm.Engine();
        int valid = 0, calls = 0, traps = 0, interrupted = 0, errors = 0;
        for (int i = 0; i < 6000 && valid < 400; i++)
        {
            var bytes = i % 4 == 0 ? corpus[rng.Next(corpus.Count)] : ModuleMutator.Mutate(corpus[rng.Next(corpus.Count)], rng);
            Module module;
            try { module = Module.FromBytes(engine, bytes); }
            catch (WasmException) { continue; }
            valid++;
            using var store = new Store(engine);
            Instance instance;
            try { instance = StubImports(store, module).Instantiate(store, module); }
            catch (WasmException) { errors++; continue; }
            foreach (var (name, item) in instance.Exports)
            {
                if (item is not Function f) continue;
                calls++;
                using var limit = new Timer(_ => store.Interrupt(), null, 200, Timeout.Infinite);
                try { f.Invoke(f.Type.Params.Select(Value.Default).ToArray()); }
                catch (TrapException t) { traps++; if (t.Kind == TrapKind.Interrupted) interrupted++; }
                catch (WasmException) { errors++; }
                limit.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }
        output.WriteLine($"{valid} modules compiled, {calls} calls: {traps} traps ({interrupted} interrupted), {errors} clean errors");
        Assert.True(valid > 100 && calls > 100, "the fuzz corpus should produce runnable modules");
    }

    /// <summary>A linker that satisfies every import with a fresh object of the imported type.</summary>
    private static Linker StubImports(Store store, Module module)
    {
        var linker = new Linker();
        foreach (var import in module.Imports)
        {
            object item = import.Kind switch
            {
                ExternKind.Func => store.CreateFunction(module.Info.Types[(int)import.FuncTypeIndex], (_, results) =>
                {
                    for (int k = 0; k < results.Length; k++) results[k] = Value.Default(module.Info.Types[(int)import.FuncTypeIndex].Results[k]);
                }),
                ExternKind.Memory => store.CreateMemory(import.Memory),
                ExternKind.Table => store.CreateTable(import.Table, new Value(import.Table.ElemType, 0)),
                _ => store.CreateGlobal(import.Global, Value.Default(import.Global.ValType)),
            };
            linker.Define(import.Module, import.Name, item);
        }
        return linker;
    }
}
