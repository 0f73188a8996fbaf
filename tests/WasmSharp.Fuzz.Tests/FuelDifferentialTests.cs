using WasmSharp.Cil;
using WasmSharp.Fuzz;
using WasmSharp.Singlepass;
using Xunit.Abstractions;

namespace WasmSharp.Fuzz.Tests;

/// <summary>
/// The differential fuel test on generated programs (the bench programs and the spec modules have their own): our
/// own generator's modules and binaryen's <c>wasm-opt -ttf</c> ones, fixed seeds. Every export is called with a
/// budget under Singlepass AVX, Singlepass SSE4.2 and CIL, once with plenty (binaryen's loops that never end run
/// out) and then, in fresh instances, with a quarter, half and three quarters of what each call took, so that it runs
/// out part-way: the outcome (results or trap), the fuel left and the values logged so far must be identical on every
/// compiler. Our generator's calls mostly end in a trap (it aims at every kind); the fuel up to it is compared too.
/// </summary>
public class FuelDifferentialTests(ITestOutputHelper output)
{
    /// <summary>Enough for our own modules' calls; binaryen's endless loops stop here.</summary>
    private const long Plenty = 2_000_000;

    private static readonly EngineConfig Metered = new() { ConsumeFuel = true };

    [Fact]
    public void OwnModulesConsumeTheSameFuelOnEveryCompiler()
    {
        var totals = new Totals();
        for (int seed = 1; seed <= 40; seed++)
        {
            var wasm = OwnModules.Generate(new Random(seed), OwnModules.SimdFor(seed));
            Compare($"own module {seed}", wasm, Metered, totals);
        }
        totals.AssertSubstantial(output);
    }

    [Fact]
    public void BinaryenModulesConsumeTheSameFuelOnEveryCompiler()
    {
        Assert.True(BinaryenModules.Available, "wasm-opt is missing: apt-get install binaryen");
        var scratch = Directory.CreateTempSubdirectory("wasmsharp-fuel-").FullName;
        // deterministic mode: binaryen's modules recurse without end, and only there does the stack run out at the
        // same depth on every compiler (the stack budget is charged in Wasm terms)
        var config = Metered with { Deterministic = true };
        int modules = 0;
        var totals = new Totals();
        try
        {
            var rng = new Random(31);
            for (int attempt = 0; attempt < 40 && modules < 12; attempt++)
            {
                if (BinaryenModules.Generate(rng, 16000, simd: false, scratch) is not { } wasm) continue;
                if (!FuzzingSupport.CanLink(ModuleInfo.Load(wasm).Imports.Select(i => (i.Module, i.Name)))) continue;
                Compare($"binaryen module {attempt}", wasm, config, totals);
                modules++;
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        Assert.True(modules >= 6, $"wasm-opt made only {modules} modules");
        totals.AssertSubstantial(output);
    }

    /// <summary>What the calls compared did, so that a test whose calls all trap at once cannot pass unnoticed.</summary>
    private sealed class Totals
    {
        public int Calls, Returned, OutOfFuel;
        public long Fuel;

        public void AssertSubstantial(ITestOutputHelper output)
        {
            output.WriteLine($"{Calls} calls, {Returned} returned with plenty, {Fuel} fuel, {OutOfFuel} ran out on 3 smaller budgets");
            Assert.True(Returned > Calls / 10, $"too few calls returned: {Returned} of {Calls}");
            Assert.True(OutOfFuel > Calls, $"too few calls ran out part-way: {OutOfFuel} of {Calls} x 3 budgets");
            Assert.True(Fuel > 20 * Calls, $"the calls did little: {Fuel} fuel in {Calls} calls");
        }
    }

    /// <summary>Runs the module on every compiler with plenty, then with fractions of each call's consumption.</summary>
    private void Compare(string name, byte[] wasm, EngineConfig config, Totals totals)
    {
        var compilers = Compilers(config);
        var full = compilers.Select(c => Run(c.Engine, wasm, _ => Plenty)).ToArray();
        AssertAlike(name, "plenty", compilers, full);
        var consumed = full[0].ToDictionary(c => c.Export, c => Plenty - c.FuelLeft);
        int outOfFuel = 0;
        for (int quarters = 1; quarters <= 3; quarters++)
        {
            var starved = compilers.Select(c => Run(c.Engine, wasm, export => consumed[export] * quarters / 4)).ToArray();
            AssertAlike(name, $"{quarters}/4", compilers, starved);
            outOfFuel += starved[0].Count(c => c.Outcome == Outcomes.Trap(TrapKind.OutOfFuel.Message()));
        }
        int returned = full[0].Count(c => !c.Outcome.StartsWith(Outcomes.Trap("")));
        output.WriteLine($"{name}: {full[0].Count} calls ({returned} returned), {consumed.Values.Sum()} fuel, {outOfFuel} ran out on 3 smaller budgets");
        totals.Calls += full[0].Count;
        totals.Returned += returned;
        totals.Fuel += consumed.Values.Sum();
        totals.OutOfFuel += outOfFuel;
    }

    private static void AssertAlike(string name, string budget, (string Name, Engine Engine)[] compilers, List<Call>[] runs)
    {
        for (int i = 1; i < runs.Length; i++)
        {
            Assert.True(runs[0].SequenceEqual(runs[i]),
                $"{name}, {budget} budget: {compilers[0].Name} and {compilers[i].Name} differ:\n{Diff(runs[0], runs[i])}");
        }
    }

    private static string Diff(List<Call> a, List<Call> b) =>
        string.Join("\n", a.Zip(b).Where(p => p.First != p.Second).Take(3).Select(p => $"  {p.First}\n  {p.Second}"));

    /// <summary>Singlepass AVX where the host has it, Singlepass SSE4.2, CIL.</summary>
    private static (string Name, Engine Engine)[] Compilers(EngineConfig config) =>
    [
        .. System.Runtime.Intrinsics.X86.Avx.IsSupported
            ? [("singlepass-avx", new Engine(new SinglepassCompiler(), config with { X64Cpu = X64CpuLevel.Avx }))]
            : Array.Empty<(string, Engine)>(),
        ("singlepass-sse4.2", new Engine(new SinglepassCompiler(), config with { X64Cpu = X64CpuLevel.Sse42 })),
        ("cil", new Engine(new CilCompiler(), config)),
    ];

    /// <summary>One call: what it returned or how it trapped, the fuel left, the values it logged.</summary>
    private sealed record Call(string Export, string Outcome, long FuelLeft, string Log);

    /// <summary>Instantiates the module (with plenty of fuel) and calls every exported function in order with zero
    /// arguments, each with the budget <paramref name="budget"/> gives it.</summary>
    private static List<Call> Run(Engine engine, byte[] wasm, Func<string, long> budget)
    {
        using var module = Module.FromBytes(engine, wasm);
        using var store = new Store(engine) { Fuel = Plenty };
        var log = new List<string>();
        var linker = new Linker();
        foreach (var (logger, type) in FuzzingSupport.Loggers)
            linker.DefineFunction(FuzzingSupport.ModuleName, logger, new FuncType([type], []),
                (args, _) => log.Add(FuzzingSupport.Format(type, args[0].Bits, args[0].HighBits)));
        var calls = new List<Call>();
        Instance instance;
        try
        {
            instance = linker.Instantiate(store, module);
        }
        catch (TrapException t)
        {
            calls.Add(new Call("(instantiate)", Outcomes.Trap(t.Kind.Message()), store.Fuel, string.Join(" ", log)));
            return calls;
        }
        foreach (var export in module.Exports)
        {
            if (export.Kind != ExternKind.Func || instance.GetFunction(export.Name) is not { } f) continue;
            log.Clear();
            store.Fuel = budget(export.Name);
            string outcome;
            try
            {
                outcome = Outcomes.Join(f.Invoke(f.Type.Params.Select(Value.Default).ToArray()).Select(WasmSharpEngine.Format));
            }
            catch (TrapException t)
            {
                outcome = Outcomes.Trap(t.Kind.Message());
            }
            calls.Add(new Call(export.Name, outcome, store.Fuel, string.Join(" ", log)));
        }
        return calls;
    }
}
