using WasmSharp.Fuzz;

// Replays a fuzz batch (written on x64 by: dotnet run --project tests/WasmSharp.Fuzz -- --emit-batch DIR ...) on
// Singlepass of this host: AArch64 when run under qemu-aarch64. Usage: WasmSharp.Fuzz.Replay DIR
// Prints each mismatch and a summary; exit 0: no mismatch, 1: mismatches, 2: bad arguments or an unreadable batch.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: WasmSharp.Fuzz.Replay BATCH-DIR");
    return 2;
}
try
{
    var engine = WasmSharpEngine.SinglepassOfHost();
    var totals = ReplayBatch.Run(args[0], engine, Console.Out);
    Console.WriteLine($"fuzz replay on {engine.Name}: {totals}");
    return totals.Mismatches.Count == 0 ? 0 : 1;
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException)
{
    Console.Error.WriteLine($"wasmsharp-fuzz-replay: {e.Message}");
    return 2;
}
