using System.Globalization;

namespace WasmSharp.Bench.Report;

/// <summary>
/// fuel [--runs N] [--small] [--singlepass-cli PATH] [--baseline-cli PATH]: the cost of metering, measured alone (the full report has the
/// same columns among many others). Each bench program runs plain and with an ample fuel budget, on Singlepass
/// (AVX; the NativeAOT CLI when --singlepass-cli names one, else the report's CLI) and on CIL (the JIT CLI), all four
/// taking turns within each round so that load hits them alike. Prints a markdown table: medians of the whole
/// process's CPU time (user + system: on a shared, loaded machine far steadier than wall time, which waits for the
/// CPU), the metered/plain ratio per program, and the geometric mean of those ratios. --baseline-cli adds a fifth
/// column, Singlepass metered by another build (e.g. before a change to the charge sequence), in the same rounds.
/// </summary>
internal static class FuelOverheadCommand
{
    /// <summary>A budget no bench program exhausts (as the report's metered columns use).</summary>
    private const string AmpleFuel = "4611686018427387904";

    public static int Run(string[] args)
    {
        var ctx = new BenchContext { Smoke = false, Runs = Option(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5 };
        bool small = args.Contains("--small");
        string singlepassCli = Option(args, "--singlepass-cli") ?? ctx.WasmSharpCli;
        var columns = new (string Name, string Cli, string[] Options)[]
        {
            ("Singlepass", singlepassCli, ["--compiler", "singlepass", "--cpu", "avx"]),
            ("Singlepass + fuel", singlepassCli, ["--compiler", "singlepass", "--cpu", "avx", "--fuel", AmpleFuel]),
            ("CIL", ctx.WasmSharpCli, ["--compiler", "cil"]),
            ("CIL + fuel", ctx.WasmSharpCli, ["--compiler", "cil", "--fuel", AmpleFuel]),
        };
        string? baseline = Option(args, "--baseline-cli");
        if (baseline is not null) columns = [.. columns, ("baseline + fuel", baseline, ["--compiler", "singlepass", "--cpu", "avx", "--fuel", AmpleFuel])];
        Console.WriteLine($"Metering overhead: whole-process CPU time (user + system), median of {ctx.Runs} runs, {(small ? "small" : "default")} arguments; " +
            $"Singlepass CLI {singlepassCli}, CIL CLI {ctx.WasmSharpCli}; load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}.");
        Console.WriteLine();
        Console.WriteLine("| program | Singlepass | + fuel | overhead | CIL | + fuel | overhead |" + (baseline is null ? "" : " baseline + fuel | overhead |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |" + (baseline is null ? "" : " ---: | ---: |"));
        var singlepassRatios = new List<double>();
        var cilRatios = new List<double>();
        var baselineRatios = new List<double>();
        int failures = 0;
        foreach (var program in ctx.Programs)
        {
            var times = columns.Select(_ => new List<double>()).ToArray();
            for (int run = 0; run < ctx.Runs; run++)
                for (int c = 0; c < columns.Length; c++)
                {
                    var (result, cpuMs) = RunMeasured(columns[c].Cli, ["run", "--disable-cache", .. columns[c].Options, program.Wasm, program.Arg(small)]);
                    if (result.ExitCode != 0 || result.Stdout.Trim() != program.Expected(small))
                    {
                        Console.Error.WriteLine($"FAILED: {columns[c].Name} on {program.Name}: exit {result.ExitCode}, {ProcessRunner.Reason(result)}");
                        failures++;
                    }
                    else times[c].Add(cpuMs);
                }
            if (times.Any(t => t.Count == 0)) continue;
            var m = times.Select(Stats.Median).ToArray();
            singlepassRatios.Add(m[1] / m[0]);
            cilRatios.Add(m[3] / m[2]);
            if (baseline is not null) baselineRatios.Add(m[4] / m[0]);
            Console.WriteLine($"| {program.Name} | {Sec(m[0])} | {Sec(m[1])} | {Pct(m[1] / m[0])} | {Sec(m[2])} | {Sec(m[3])} | {Pct(m[3] / m[2])} |" +
                (baseline is null ? "" : $" {Sec(m[4])} | {Pct(m[4] / m[0])} |"));
        }
        if (singlepassRatios.Count > 0)
            Console.WriteLine($"| **geometric mean** | | | **{Pct(Stats.GeoMean(singlepassRatios))}** | | | **{Pct(Stats.GeoMean(cilRatios))}** |" +
                (baseline is null ? "" : $" | **{Pct(Stats.GeoMean(baselineRatios))}** |"));
        Console.WriteLine();
        Console.WriteLine($"load average at end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Runs a command to its end under GNU time (bench/run.sh installs it): its result and the CPU time,
    /// user + system, it used.</summary>
    private static (ProcessResult Result, double CpuMs) RunMeasured(string file, string[] args)
    {
        string timesFile = Path.GetTempFileName();
        try
        {
            var result = ProcessRunner.Run("/usr/bin/time", ["-f", "%U %S", "-o", timesFile, file, .. args]);
            var parts = File.ReadAllText(timesFile).Trim().Split('\n')[^1].Split(' ');
            double cpu = (double.Parse(parts[0], CultureInfo.InvariantCulture) + double.Parse(parts[1], CultureInfo.InvariantCulture)) * 1000;
            return (result, cpu);
        }
        finally
        {
            File.Delete(timesFile);
        }
    }

    private static string Sec(double ms) => (ms / 1000).ToString("F3", CultureInfo.InvariantCulture) + " s";

    private static string Pct(double ratio) => ((ratio - 1) * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
