using System.Diagnostics;
using WasmSharp.Compilers;
using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>
/// Compile on one thread against compile on every core (<see cref="EngineConfig.ParallelCompilation"/>), side by
/// side: each run times one compile of each, in turn, so machine noise hits both alike. Wall time and the process's
/// CPU time (every thread) per compile, medians. On a loaded machine the wall time cannot show the speed-up (the
/// kernel gives the process its share whatever its thread count), so the table also gives how the parallel compile's
/// CPU split between the calling thread and the rest, and the speed-up that split allows on idle cores (total CPU
/// over the larger part).
/// Usage: <c>parallel [--runs N] [--cil] FILE.wasm...</c>: Singlepass AVX, or with --cil the CIL compiler's eager
/// compile to machine code.
/// </summary>
internal static class ParallelCompileBenchmark
{
    public static int Run(string[] args)
    {
        int runs = 5;
        bool cil = false;
        var files = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            else if (args[i] == "--cil") cil = true;
            else files.Add(args[i]);
        }
        if (files.Count == 0) files.AddRange(DecodeBenchmark.DefaultInputs());
        Console.WriteLine($"{(cil ? "CIL eager (to machine code)" : "Singlepass AVX")}, {runs} runs, {Environment.ProcessorCount} cores, load average at start {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| module | code section | 1 thread: wall | CPU | all cores: wall | CPU | speed-up (wall) | CPU ratio | calling thread's share | speed-up the split allows |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var one = new Engine(Compiler(cil), new EngineConfig { X64Cpu = X64CpuLevel.Avx, ParallelCompilation = false });
            var all = new Engine(Compiler(cil), new EngineConfig { X64Cpu = X64CpuLevel.Avx, ParallelCompilation = true });
            double mb = ModuleInfo.Load(bytes).CodeSectionSize / 1e6;
            Once(one, bytes);
            Once(all, bytes);
            var (w1, c1, wn, cn) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            var (share, allows) = (new List<double>(), new List<double>());
            for (int r = 0; r < runs; r++)
            {
                var (w, c, _) = Once(one, bytes);
                w1.Add(w);
                c1.Add(c);
                (w, c, double caller) = Once(all, bytes);
                wn.Add(w);
                cn.Add(c);
                share.Add(caller / c);
                allows.Add(c / Math.Max(caller, c - caller));
            }
            double m1 = Median(w1), mn = Median(wn), mc1 = Median(c1), mcn = Median(cn);
            Console.WriteLine($"| {Path.GetFileName(path)} | {mb:F2} MB | {m1:F0} ms, {mb / (m1 / 1000):F1} MB/s | {mc1:F0} ms | " +
                $"{mn:F0} ms, {mb / (mn / 1000):F1} MB/s | {mcn:F0} ms | {m1 / mn:F2}x | {mcn / mc1:F2}x | {Median(share):P0} | {Median(allows):F2}x |");
        }
        Console.WriteLine();
        Console.WriteLine($"load average at end {LoadAverage()}");
        return 0;
    }

    private static ICompiler Compiler(bool cil) => cil
        ? new WasmSharp.Cil.CilCompiler { LazyThreshold = int.MaxValue, PrecompileToMachineCode = true }
        : new SinglepassCompiler();

    /// <summary>One compile: wall time, the CPU time of the whole process (all compiling threads) and of the calling
    /// thread, in ms.</summary>
    private static (double Wall, double Cpu, double Caller) Once(Engine engine, byte[] bytes)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        double caller = ThreadCpuClock.Milliseconds();
        long start = Stopwatch.GetTimestamp();
        Module.FromBytes(engine, bytes).Dispose();
        double wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        caller = ThreadCpuClock.Milliseconds() - caller;
        return (wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds, caller);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
