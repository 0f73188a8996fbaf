namespace WasmSharp.Bench.Report;

/// <summary>
/// report [--smoke] [--runs N] [--out FILE.md] [--sections LIST]: WasmSharp side by side with native code, Wasmtime
/// (Cranelift, Winch) and V8 (node): run time, compile throughput, compile-time scaling, start-up and memory. Writes
/// FILE.md and FILE.csv. Exits 1 if any run produced a wrong result or failed. Expects bench/run.sh to have built the
/// CLI. LIST (comma-separated: run-time, compile, scaling, startup, warm-start) keeps a partial run to those sections.
/// </summary>
internal static class ReportCommand
{
    public static int Run(string[] args)
    {
        bool smoke = args.Contains("--smoke");
        var ctx = new BenchContext { Smoke = smoke, Runs = Option(args, "--runs") is string r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : smoke ? 1 : 3 };
        string output = Path.GetFullPath(Option(args, "--out") ?? Path.Combine(ctx.Root, "bench", smoke ? ".scratch/smoke" : "results", "latest.md"));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        // on a terminal: which section, runtime and program is running now
        using var status = WasmSharp.Cli.StatusLine.Start(BenchStatus.Text);
        BenchStatus.Section("native builds");
        var native = new NativeBuilds(ctx);
        native.Build([.. ctx.Programs.Concat(ctx.SimdPrograms).Select(p => (p.Source, p.Wasm, p.NativeFlags)),
            (Path.Combine(ctx.Root, "examples", "hello.c"), "hello.wasm", [])]);
        var runtimes = Runtimes.All(ctx, native);
        var report = new ReportWriter();
        MachineInfo.Write(ctx, report);
        var sections = Sections(Option(args, "--sections"));
        if (sections.Contains("run-time"))
        {
            BenchStatus.Section("run time");
            RunTimeSection.Write(ctx, runtimes, report);
        }
        if (sections.Contains("compile"))
        {
            BenchStatus.Section("compile throughput");
            CompileSection.Write(ctx, report);
        }
        if (sections.Contains("scaling"))
        {
            BenchStatus.Section("compile-time scaling");
            ScalingSection.Write(ctx, report, Path.ChangeExtension(output, ".scaling.png"));
        }
        if (sections.Contains("startup"))
        {
            BenchStatus.Section("start-up");
            StartupSection.Write(ctx, runtimes, native, report);
        }
        if (sections.Contains("warm-start"))
            WarmStartSection.Write(ctx, report, ctx.Smoke ? [] : CompileSection.LargeModules(ctx));
        Failures(ctx, report);
        report.Save(output, smoke ? "WasmSharp benchmarks (smoke run: small inputs, one run each)" : "WasmSharp benchmarks");
        Console.Error.WriteLine($"wrote {output} and {Path.ChangeExtension(output, ".csv")}");
        return ctx.Failures.Count == 0 ? 0 : 1;
    }

    private static void Failures(BenchContext ctx, ReportWriter report)
    {
        if (ctx.Failures.Count == 0) return;
        report.Heading("FAILURES");
        foreach (var f in ctx.Failures) report.Paragraph("- " + f);
        foreach (var f in ctx.Failures) Console.Error.WriteLine("FAILED: " + f);
    }

    private static readonly string[] AllSections = ["run-time", "compile", "scaling", "startup", "warm-start"];

    // A partial run (--sections run-time,warm-start) re-measures what a change touched without the other sections.
    private static HashSet<string> Sections(string? list)
    {
        if (list is null) return [.. AllSections];
        var chosen = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        foreach (var name in chosen)
            if (!AllSections.Contains(name))
                throw new ArgumentException($"unknown section '{name}' (sections: {string.Join(", ", AllSections)})");
        return chosen;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
