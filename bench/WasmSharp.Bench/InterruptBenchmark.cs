using WasmSharp.Singlepass;
using WasmSharp.Text;

namespace WasmSharp.Bench;

/// <summary>What the interrupt check at loop back-edges costs: a tight counting loop and a loop with a memory
/// load, compiled with and without the checks, run side by side. Medians of the thread's CPU time (steadier than
/// wall time on a loaded machine), wall time beside them.</summary>
internal static class InterruptBenchmark
{
    private const string Wat = """
        (module (memory 1)
          (func (export "count") (param $n i32) (result i32) (local $i i32)
            (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))
                     (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $i))
          (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $l (local.set $s (i32.add (local.get $s) (i32.load (i32.and (local.get $i) (i32.const 0xfffc)))))
                     (local.set $i (i32.add (local.get $i) (i32.const 1)))
                     (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $s)))
        """;

    public static int Run(string[] args)
    {
        const int n = 300_000_000;
        var bytes = WasmSharp.Text.Wat.ToBinary(Wat);
        Console.WriteLine("| loop | with checks (CPU) | without (CPU) | cost (CPU) | cost (wall) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var name in new[] { "count", "sum" })
        {
            var with = Time(bytes, name, n, interruptible: true);
            var without = Time(bytes, name, n, interruptible: false);
            Console.WriteLine($"| {name} ({n:N0} iterations) | {with.Cpu:F0} ms | {without.Cpu:F0} ms | {(with.Cpu / without.Cpu - 1) * 100:+0.0;-0.0}% | " +
                $"{(with.Wall / without.Wall - 1) * 100:+0.0;-0.0}% |");
        }
        return 0;
    }

    private static (double Wall, double Cpu) Time(byte[] bytes, string name, int n, bool interruptible)
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { InterruptibleLoops = interruptible });
        using var store = new Store(engine);
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, bytes)).GetFunction<int, int>(name);
        return Timing.MedianWallAndCpu(() => f(n), minRuns: 5, budgetMs: 4000, maxRuns: 100);
    }
}
