using System.Globalization;

namespace WasmSharp.Singlepass;

/// <summary>
/// Writes Linux perf's JIT symbol map (<c>/tmp/perf-PID.map</c>: start, size, name per line) when the environment
/// variable WASMSHARP_PERFMAP is 1, so <c>perf report</c> names generated functions, as wasmtime's
/// <c>--profile=perfmap</c> does.
/// </summary>
internal static class PerfMap
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("WASMSHARP_PERFMAP") == "1";
    private static readonly Lock Gate = new();

    public static void Write(ModuleInfo module, nint codeBase, int[] offsets, int codeSize)
    {
        using var _ = Gate.EnterScope();
        using var w = File.AppendText($"/tmp/perf-{Environment.ProcessId}.map");
        for (int i = 0; i < offsets.Length; i++)
        {
            int end = i + 1 < offsets.Length ? offsets[i + 1] : codeSize;
            uint index = (uint)(module.ImportedFunctionCount + i);
            string name = module.FunctionName(index) ?? $"wasm-func[{index}]";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{codeBase + offsets[i]:x} {end - offsets[i]:x} {name}"));
        }
    }
}
