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
            ["OS", $"{RuntimeInformation.OSDescription}"],
            [".NET (WasmSharp, Wasmtime host)", RuntimeInformation.FrameworkDescription],
            ["native compiler", ProcessRunner.FirstLine("clang", "--version")],
            ["Wasmtime", $"NuGet Wasmtime {WasmtimeVersion()} (bundled libwasmtime)"],
            ["node / V8", $"node {ProcessRunner.FirstLine("node", "--version")}, V8 {ProcessRunner.FirstLine("node", "-p", "process.versions.v8")}"],
        ]);
    }

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static string WasmtimeVersion() =>
        typeof(Wasmtime.Engine).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "?";
}
