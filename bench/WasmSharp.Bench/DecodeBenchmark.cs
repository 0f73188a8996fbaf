using System.Diagnostics;
using WasmSharp.Binary;
using WasmSharp.Validation;
using WasmSharp.Wast;

namespace WasmSharp.Bench;

/// <summary>
/// Decoder + validator throughput on one thread: MB of code section per second, median of repeated runs after
/// warm-up. Inputs: the files given, or the shared bench programs, the largest WASI test, and the large npm modules
/// that bench/fetch-large-modules.sh installs.
/// </summary>
internal static class DecodeBenchmark
{
    public static int Run(string[] files)
    {
        var inputs = files.Length > 0 ? files : DefaultInputs();
        Console.WriteLine("| module | code section | decode+validate (median) | throughput |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var path in inputs)
        {
            var bytes = File.ReadAllBytes(path);
            var module = ModuleInfo.Load(bytes);
            double ms = MedianMilliseconds(bytes);
            double mb = module.CodeSectionSize / 1e6;
            Console.WriteLine($"| {Path.GetFileName(path)} | {mb:F2} MB | {ms:F2} ms | {mb / (ms / 1000):F0} MB/s |");
        }
        return 0;
    }

    private static double MedianMilliseconds(byte[] bytes)
    {
        var validator = new FunctionValidator();
        // enough repetitions for ~2 s per module, at least 5
        var once = Stopwatch.StartNew();
        Load(bytes, validator);
        int reps = Math.Clamp((int)(2000 / Math.Max(once.Elapsed.TotalMilliseconds, 0.01)), 5, 2000);
        for (int i = 0; i < Math.Min(reps, 20); i++) Load(bytes, validator);
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            Load(bytes, validator);
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[reps / 2];
    }

    private static void Load(byte[] bytes, FunctionValidator validator) =>
        ModuleValidator.Validate(ModuleDecoder.Decode(bytes), validator);

    internal static string[] DefaultInputs()
    {
        var list = new List<string> { Path.Combine(SharedData.Bench, "interp.wasm") };
        list.Add(Directory.EnumerateFiles(SharedData.WasiTestsuite, "*.wasm", SearchOption.AllDirectories)
            .OrderByDescending(f => new FileInfo(f).Length).First());
        var script = Path.Combine(SharedData.RepositoryRoot, "bench", "fetch-large-modules.sh");
        try
        {
            var psi = new ProcessStartInfo("bash", script) { RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode == 0) list.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(File.Exists));
            else Console.Error.WriteLine($"fetch-large-modules.sh failed ({p.ExitCode}); large modules left out");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"cannot run {script}: {e.Message}; large modules left out");
        }
        return list.ToArray();
    }
}
