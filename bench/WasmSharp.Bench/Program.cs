using WasmSharp.Bench;

// wasmsharp benchmarks. Usage: dotnet run -c Release --project bench/WasmSharp.Bench -- <benchmark> [args]
return args.FirstOrDefault() switch
{
    "decode" => DecodeBenchmark.Run(args[1..]),
    "scaling" => ScalingBenchmark.Run(args[1..]),
    "compile" => CompileBenchmark.Run(args[1..]),
    "parallel" => ParallelCompileBenchmark.Run(args[1..]),
    "codesize" => CodeSizeBenchmark.Run(args[1..]),
    "interrupt" => InterruptBenchmark.Run(args[1..]),
    "parse" => ParseBenchmark.Run(args[1..]),
    "report" => WasmSharp.Bench.Report.ReportCommand.Run(args[1..]),
    "fuel" => WasmSharp.Bench.Report.FuelOverheadCommand.Run(args[1..]),
    "wasmtime-run" => WasmtimeHost.Run(args[1..]),
    "map" => WasmSharp.Bench.Report.WarmStartSection.MapCommand(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: WasmSharp.Bench decode [FILE.wasm...]   decode+validate throughput, single thread");
    Console.Error.WriteLine("       WasmSharp.Bench scaling                  Singlepass compile time per byte by module size and shape");
    Console.Error.WriteLine("       WasmSharp.Bench compile [FILE.wasm...]   Singlepass compile throughput, single thread: x86-64 AVX and SSE4.2, AArch64 (cross)");
    Console.Error.WriteLine("       WasmSharp.Bench parallel [--runs N] [--cil] [FILE.wasm...]  compile on one thread vs every core, side by side: Singlepass AVX, or CIL eager");
    Console.Error.WriteLine("       WasmSharp.Bench codesize FILE.wasm...    Singlepass code bytes per Wasm byte, instructions per operator: x86-64 and AArch64");
    Console.Error.WriteLine("       WasmSharp.Bench interrupt                cost of the interrupt check at loop back-edges");
    Console.Error.WriteLine("       WasmSharp.Bench parse [FILE.wasm]        WAT parse speed on wasm2wat's text of a large module");
    Console.Error.WriteLine("       WasmSharp.Bench report [--smoke] [--runs N] [--out FILE.md] [--sections LIST]  side-by-side report (use bench/run.sh)");
    Console.Error.WriteLine("       WasmSharp.Bench fuel [--runs N] [--small] [--singlepass-cli PATH]  metering overhead, Singlepass and CIL side by side");
    Console.Error.WriteLine("       WasmSharp.Bench map [--runs N] FILE...   the report's map time of each file (median): map it and touch each page");
    Console.Error.WriteLine("       WasmSharp.Bench wasmtime-run cranelift|winch FILE.wasm [ARGS...]  run a WASI command in Wasmtime");
    return 2;
}
