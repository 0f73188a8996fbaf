using System.Diagnostics;
using WasmSharp;
using WasmSharp.Contract;
using WasmSharp.Singlepass;

// Runs the runtime-contract suite against Singlepass on this host's ISA (AArch64 under qemu-aarch64; x86-64 with AVX
// where there is AVX, and SSE4.2). Prints one line per check and backend and a summary; exits 1 if any check failed.
// Usage: WasmSharp.Contract.Runner [SUBSTRING...]   (only the checks whose names contain one of the substrings)
var backends = new List<ContractBackend> { new($"singlepass {TargetIsas.Host.ToString().ToLowerInvariant()}", Singlepass) };
if (TargetIsas.Host == TargetIsa.X64)
    backends.Add(new("singlepass x64 sse4.2", config => Singlepass((config ?? new EngineConfig()) with { X64Cpu = X64CpuLevel.Sse42 })));

int passed = 0, failed = 0;
var total = Stopwatch.StartNew();
foreach (var (name, run) in RuntimeContract.All)
{
    if (args.Length > 0 && !args.Any(a => name.Contains(a, StringComparison.OrdinalIgnoreCase)))
        continue;
    foreach (var backend in backends)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            run(backend);
            passed++;
            Console.WriteLine($"PASS {name} [{backend.Name}] {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"FAIL {name} [{backend.Name}] {clock.Elapsed.TotalSeconds:F1} s\n  {e.GetType().Name}: {e.Message}");
        }
    }
}
Console.WriteLine($"runtime contract ({RuntimeInformationText()}): {passed} passed, {failed} failed, 0 skipped in {total.Elapsed.TotalSeconds:F1} s");
return failed == 0 && passed > 0 ? 0 : 1;

static Engine Singlepass(EngineConfig? config) => new(new SinglepassCompiler(), config ?? new EngineConfig());

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, {(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")}";
