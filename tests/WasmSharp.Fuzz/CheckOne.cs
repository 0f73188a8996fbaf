namespace WasmSharp.Fuzz;

/// <summary>
/// <c>--check FILE</c>: runs one module (binary or WAT) on every engine and prints each engine's observations.
/// Exit 1 when an engine disagrees with the reference, so it is also the "interesting" test for wasm-reduce.
/// </summary>
public static class CheckOne
{
    public static int Run(string path)
    {
        byte[] wasm = path.EndsWith(".wat", StringComparison.Ordinal)
            ? WasmSharp.Text.Wat.ToBinary(File.ReadAllText(path))
            : File.ReadAllBytes(path);
        var engines = FuzzCampaign.DefaultEngines();
        var reference = SafeRuns.Run(engines[0], wasm);
        Print(reference);
        int status = 0;
        foreach (var engine in engines.Skip(1))
        {
            if (SafeRuns.RunUnlessRefused(engine, wasm) is not { } run)
            {
                Console.WriteLine($"{engine.Name} refuses the module (an unsupported feature): not compared");
                continue;
            }
            if (RunComparison.FirstDifference(reference, run) is not { } difference) continue;
            Console.WriteLine($"{engine.Name} differs: {difference}");
            status = 1;
        }
        if (status == 0) Console.WriteLine("every engine that accepts the module agrees with the reference");
        return status;
    }

    private static void Print(ModuleRun run)
    {
        Console.WriteLine($"{run.Engine}:");
        foreach (var call in run.Calls) Console.WriteLine($"  {call}");
        if (run.Globals.Count > 0) Console.WriteLine($"  globals {string.Join(", ", run.Globals)}");
    }
}
