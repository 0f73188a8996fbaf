using System.CommandLine;
using WasmSharp.Wast;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp wast SCRIPT...</c>: the spec-suite harness as a command.</summary>
internal static class WastCommand
{
    public static Command Create()
    {
        var scripts = new Argument<FileInfo[]>("scripts") { Arity = ArgumentArity.OneOrMore, Description = "spec scripts: .wast text or wast2json .json" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every failing command (default: the first 20 per script)" };
        var engine = new EngineOptions(allowNone: true);
        var cmd = new Command("wast", "Run spec test scripts and report passed, failed and skipped commands") { scripts, verbose };
        engine.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var wasmEngine = engine.Create(parse);
            return GuestThread.Run(engine.Config(parse), () => Run(parse.GetValue(scripts)!, parse.GetValue(verbose), wasmEngine));
        });
        return cmd;
    }

    private static int Run(FileInfo[] scripts, bool verbose, Engine? engine)
    {
        int passed = 0, failed = 0, skipped = 0;
        var runner = new ScriptRunner(engine);
        foreach (var f in scripts)
        {
            ScriptReport report;
            try
            {
                report = runner.Run(ScriptLoader.Load(f.FullName));
            }
            catch (Exception e) when (e is IOException or FormatException or System.Text.Json.JsonException or WasmException)
            {
                Console.WriteLine($"{f.Name}: cannot read script: {e.Message}");
                failed++;
                continue;
            }
            Console.WriteLine(report.Summary());
            foreach (var failure in verbose ? report.Failures : report.Failures.Take(20))
                Console.WriteLine($"  FAIL {failure}");
            if (!verbose && report.Failures.Count > 20) Console.WriteLine($"  ... {report.Failures.Count - 20} more (use --verbose)");
            passed += report.Passed;
            failed += report.Failed;
            skipped += report.Skipped;
        }
        Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }
}
