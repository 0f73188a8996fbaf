using System.Globalization;
using WasmSharp;
using WasmSharp.Fuzz;

// Differential execution fuzzer: dotnet run -c Release --project tests/WasmSharp.Fuzz -- [--seconds N] [--seed S]
//   [--modules N] [--generator binaryen|own|both] [--no-own-simd] [--save DIR] [--print-own SEED] [--check FILE.wasm|.wat]
//   [--emit-batch DIR] (the modules and Wasmtime's transcripts, for tests/WasmSharp.Fuzz.Replay) [--replay DIR]
// Exit code: 0 when no engine disagreed with the reference, 1 when one did, 2 on bad arguments.
try
{
    return Fuzz(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException or WasmException)
{
    // a bad argument or an unreadable or invalid --check file: one line, no stack trace
    Console.Error.WriteLine($"wasmsharp-fuzz: {e.Message}");
    return 2;
}

static int Fuzz(string[] args)
{
var options = new FuzzOptions { Progress = Console.Out, MismatchDir = "fuzz-mismatches" };
string? emitDir = null, replayDir = null;
for (int i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--seconds": options = options with { Duration = TimeSpan.FromSeconds(Number()) }; break;
        case "--seed": options = options with { Seed = Number() }; break;
        case "--modules": options = options with { MaxModules = Number() }; break;
        case "--save": options = options with { MismatchDir = Next() }; break;
        case "--generator":
            string g = Next();
            options = options with { UseBinaryen = g is "binaryen" or "both", UseOwnGenerator = g is "own" or "both" };
            break;
        case "--no-own-simd": options = options with { OwnSimd = false }; break;
        case "--emit-batch": emitDir = Next(); break;
        case "--replay": replayDir = Next(); break;
        case "--check":
            return CheckOne.Run(Next());
        case "--print-own":
            int seed = Number();
            Console.Write(OwnModules.GenerateText(new Random(seed), options.OwnSimd && OwnModules.SimdFor(seed)));
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}; see the comment at the top of Program.cs");
            return 2;
    }
}
if (replayDir != null) return Replay(replayDir);
if (options.UseBinaryen && !BinaryenModules.Available)
    Console.WriteLine("wasm-opt not found (apt-get install binaryen): only our own generator runs");
if (emitDir != null)
{
    Console.WriteLine($"{emitDir}: {ReferenceBatch.Write(options, new WasmtimeEngine(), emitDir)}");
    return 0;
}
var engines = FuzzCampaign.DefaultEngines();
Console.WriteLine($"seed {options.Seed}, engines {string.Join(", ", engines.Select(e => e.Name))} (reference first), up to {options.Duration}");
var campaign = new FuzzCampaign(options, engines);
var clock = System.Diagnostics.Stopwatch.StartNew();
FuzzTotals totals;
// on a terminal: how far the campaign has got, on one line that the log lines push up
using (WasmSharp.Cli.StatusLine.Start(() => $"fuzzing [{clock.Elapsed:hh\\:mm\\:ss} of {options.Duration:hh\\:mm\\:ss}] " +
    $"{campaign.Totals.Modules} modules, {campaign.Totals.Calls} calls, {campaign.Totals.Mismatches.Count} mismatches"))
{
    totals = campaign.Run();
}
Console.WriteLine(totals);
foreach (var m in totals.Mismatches) Console.WriteLine("  " + m);
return totals.Mismatches.Count == 0 ? 0 : 1;
}

// --replay DIR: a batch written by --emit-batch, on every WasmSharp engine of this host
static int Replay(string dir)
{
    int status = 0;
    foreach (var engine in FuzzCampaign.DefaultEngines().Skip(1))
    {
        var totals = ReplayBatch.Run(dir, engine, Console.Out);
        Console.WriteLine($"{engine.Name}: {totals}");
        if (totals.Mismatches.Count > 0) status = 1;
    }
    return status;
}
