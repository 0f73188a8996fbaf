using System.Runtime.InteropServices;

namespace WasmSharp.Bench.Report;

/// <summary>CPU, cores and the version of every runtime compared, for the top of the report.</summary>
internal static class MachineInfo
{
    public static void Write(BenchContext ctx, ReportWriter report)
    {
        report.Paragraph($"Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `bench/run.sh{(ctx.Smoke ? " --smoke" : "")}` " +
            $"at WasmSharp commit {ProcessRunner.FirstLine("git", "-C", ctx.Root, "rev-parse", "--short", "HEAD")}.");
        report.Table("machine", ["what", "value"],
        [
            ["CPU", CpuModel()],
            ["cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["load average at start (1, 5, 15 min)", LoadAverage()],
            ["OS", $"{RuntimeInformation.OSDescription}"],
            [".NET (WasmSharp, Wasmtime host)", RuntimeInformation.FrameworkDescription],
            ["native compiler", ProcessRunner.FirstLine("clang", "--version")],
            ["Wasmtime", $"NuGet Wasmtime {WasmtimeVersion()} (bundled libwasmtime)"],
            ["node / V8", $"node {ProcessRunner.FirstLine("node", "--version")}, V8 {ProcessRunner.FirstLine("node", "-p", "process.versions.v8")}"],
        ]);
    }

    /// <summary>Model name, family/model and the vector extensions that decide WasmSharp's code paths.</summary>
    private static string CpuModel()
    {
        var fields = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0)
            .Select(l => l.Split(':', 2)).Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        var flags = fields.GetValueOrDefault("flags", "").Split(' ');
        string vector = string.Join(", ", new[] { "sse4_2", "avx", "avx2", "avx512f" }.Where(flags.Contains));
        return $"{fields.GetValueOrDefault("model name", "unknown")} (family {fields.GetValueOrDefault("cpu family", "?")}, " +
            $"model {fields.GetValueOrDefault("model", "?")}; {vector})";
    }

    /// <summary>The machine is shared: a high load here means noisy absolute times (ratios from one run hold better).</summary>
    private static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string WasmtimeVersion() =>
        typeof(Wasmtime.Engine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "?";
}
