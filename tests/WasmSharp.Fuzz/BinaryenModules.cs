using System.Diagnostics;

namespace WasmSharp.Fuzz;

/// <summary>
/// Binaryen's module generator: <c>wasm-opt -ttf</c> turns random bytes into a valid module whose exports do real
/// work and log through <c>fuzzing-support</c>. Only features every engine here runs are enabled; SIMD modules are
/// made on request and run where SIMD is supported.
/// </summary>
public static class BinaryenModules
{
    private static readonly string[] CommonFeatures =
        ["--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue",
         "--enable-mutable-globals"];

    /// <summary>Whether wasm-opt is installed (Debian's <c>binaryen</c>).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>A module from <paramref name="seedBytes"/> random bytes, or null when wasm-opt gave up on them.</summary>
    public static byte[]? Generate(Random rng, int seedBytes, bool simd, string scratchDir)
    {
        var input = Path.Combine(scratchDir, "ttf-input.bin");
        var output = Path.Combine(scratchDir, "ttf.wasm");
        var bytes = new byte[seedBytes];
        rng.NextBytes(bytes);
        File.WriteAllBytes(input, bytes);
        File.Delete(output);
        // --denan: NaNs never reach memory, logs or integers, so NaN nondeterminism between engines cannot show
        string[] args = ["-ttf", input, "--denan", "-o", output, .. CommonFeatures, .. simd ? ["--enable-simd"] : Array.Empty<string>()];
        return Run("wasm-opt", args, out _) == 0 && File.Exists(output) ? File.ReadAllBytes(output) : null;
    }

    /// <summary>Binaryen's interpreter as a third opinion: the export results and log lines it prints.</summary>
    public static string Interpret(string wasmPath)
    {
        Run("wasm-opt", [wasmPath, "--fuzz-exec-before", "-all"], out var stdout);
        return stdout;
    }

    private static bool Probe()
    {
        try { return Run("wasm-opt", ["--version"], out _) == 0; }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    private static int Run(string tool, IEnumerable<string> args, out string stdout)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var errors = p.StandardError.ReadToEndAsync();
        stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = errors.Result;
        return p.ExitCode;
    }
}
