using WasmSharp.Fuzz;

// Replays a fuzz batch (written on x64 by: dotnet run --project tests/WasmSharp.Fuzz -- --emit-batch DIR ...) on
// Singlepass of this host: AArch64 when run under qemu-aarch64. Usage: WasmSharp.Fuzz.Replay DIR [FIRST COUNT]
// (FIRST COUNT: only COUNT modules from the FIRST-th, in name order)
// Prints each mismatch and a summary; exit 0: no mismatch, 1: mismatches, 2: bad arguments or an unreadable batch.
if (args.Length is not (1 or 3) || (args.Length == 3 && !(int.TryParse(args[1], out _) && int.TryParse(args[2], out _))))
{
    Console.Error.WriteLine("usage: WasmSharp.Fuzz.Replay BATCH-DIR [FIRST COUNT]");
    return 2;
}
int first = args.Length == 3 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
int count = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
try
{
    var engine = WasmSharpEngine.SinglepassOfHost();
    var totals = ReplayBatch.Run(args[0], engine, Console.Out, first, count);
    Console.WriteLine($"fuzz replay on {engine.Name}: {totals}");
    return totals.Mismatches.Count == 0 ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
{
    Console.Error.WriteLine($"wasmsharp-fuzz-replay: {e.Message}");
    return 2;
}
