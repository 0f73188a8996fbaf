using System.Diagnostics;
using WasmSharp.Text;

namespace WasmSharp.Bench;

/// <summary>
/// WAT parse + encode speed on a large text module: wabt's <c>wasm2wat</c> (Debian package wabt) prints the largest
/// benchmark module; indentation is dropped, since wasm2wat indents by nesting depth and Go-built modules nest
/// thousands deep (1.9 GB of spaces for esbuild). Median of 3 runs, one thread.
/// </summary>
internal static class ParseBenchmark
{
    public static int Run(string[] args)
    {
        string wasm = args.Length > 0 ? args[0] : DecodeBenchmark.DefaultInputs().OrderByDescending(f => new FileInfo(f).Length).First();
        string wat = Path.Combine(Path.GetTempPath(), Path.GetFileNameWithoutExtension(wasm) + ".flat.wat");
        if (!File.Exists(wat)) Wasm2Wat(wasm, wat);
        string text = File.ReadAllText(wat);
        double mb = new FileInfo(wat).Length / 1e6;
        var times = new List<double>();
        byte[] bytes = [];
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            bytes = Wat.ToBinary(text);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double ms = times[1];
        Console.WriteLine("| text module | size | parse + encode (median of 3) | throughput | binary |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {Path.GetFileName(wat)} (wasm2wat of {Path.GetFileName(wasm)}) | {mb:F1} MB | {ms:F0} ms | {mb / (ms / 1000):F0} MB/s | {bytes.Length / 1e6:F1} MB |");
        return 0;
    }

    private static void Wasm2Wat(string wasm, string output)
    {
        var psi = new ProcessStartInfo("wasm2wat", [wasm]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start wasm2wat (apt-get install wabt)");
        using var writer = new StreamWriter(output);
        string? line;
        while ((line = p.StandardOutput.ReadLine()) is not null) writer.WriteLine(line.TrimStart(' '));
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"wasm2wat failed with exit code {p.ExitCode}");
    }
}
