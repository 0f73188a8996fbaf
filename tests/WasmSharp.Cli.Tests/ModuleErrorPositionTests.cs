using System.Diagnostics;

namespace WasmSharp.Cli.Tests;

/// <summary>A <c>.wat</c> whose error is in a module field, not in a function body (a duplicate export, a second
/// memory, limits, the start function, an index out of range in an export or a segment, an initializer), is reported
/// by <c>validate</c> at the line and column of the offending construct, and where wabt's <c>wat2wasm</c> reports
/// the same error, at the same place.</summary>
public class ModuleErrorPositionTests
{
    // the text, the position, the message, and whether wabt reports the same position
    public static TheoryData<string, string, string, bool> Modules => new()
    {
        { "(module\n  (func $f)\n  (export \"run\" (func $f))\n  (export \"run\" (func $f)))", "4:4", "duplicate export name", true },
        { "(module\n  (global (export \"g\") i32 (i32.const 1))\n  (func (export \"f\"))\n  (table (export \"g\") 1 funcref))", "4:11", "duplicate export name", true },
        { "(module\n  (func)\n  (export \"f\"\n    (func 9)))", "4:11", "unknown function 9", true },
        { "(module (memory 1)\n  (export \"m\" (memory 1)))", "2:23", "unknown memory 1", true },
        { "(module\n  (import \"env\" \"mem\" (memory 1))\n  (memory $second 1))", "3:4", "multiple memories", true },
        { "(module\n\n  (memory 65537))", "3:4", "memory size must be at most 65536 pages (4GiB)", true },
        { "(module\n  (table 3 2 funcref))", "2:4", "size minimum must not be greater than maximum", true },
        { "(module\n  (import \"env\" \"t\" (table 3 2 funcref)))", "2:4", "size minimum must not be greater than maximum", true },
        { "(module\n  (func $main (result i32) (i32.const 0))\n  (start $main))", "3:4", "start function", true },
        // wabt places an unknown start function at its index
        { "(module\n  (start 2))", "2:4", "unknown function 2", false },
        { "(module\n  (func)\n  (elem (i32.const 0) func 0))", "3:4", "unknown table 0", true },
        { "(module (table 4 funcref) (func $a)\n  (elem (i32.const 1) $a 3 $a))", "2:26", "unknown function 3", true },
        { "(module (table 4 funcref)\n  (elem (offset (f32.const 0)) func))", "2:18", "type mismatch", true },
        { "(module\n  (data (i32.const 0) \"hi\"))", "2:4", "unknown memory 0", true },
        { "(module (memory 1)\n  (data (i64.const 8) \"hi\"))", "2:10", "type mismatch", true },
        { "(module\n  (global i64\n    (i32.const 1)))", "3:6", "type mismatch", true },
        { "(module (global $m (import \"env\" \"g\") (mut i32))\n  (global i32 (global.get $m)))", "2:16", "constant expression required", true },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void ValidatePointsAtTheConstruct(string text, string position, string message, bool asWabt)
    {
        string wat = Cli.TempWat(text);
        var r = Cli.Run("validate", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{wat}:{position}: error: {message}", Assert.Single(r.ErrorLines));
        if (asWabt && WabtPosition(wat) is { } wabt) Assert.Equal(position, wabt);
    }

    [Fact]
    public void RunInspectAndWat2WasmPointAtTheFieldToo()
    {
        string wat = Cli.TempWat("(module\n  (func (export \"_start\"))\n  (func (export \"_start\")))");
        string expected = $"{wat}:3:10: error: duplicate export name";
        foreach (var args in new[] { new[] { "run", wat }, ["run", "--compiler", "cil", wat], ["inspect", wat], ["wat2wasm", wat, "-o", wat + ".wasm"] })
        {
            var r = Cli.Run(args);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal(expected, Assert.Single(r.ErrorLines));
        }
        Assert.False(File.Exists(wat + ".wasm"));
    }

    /// <summary>LINE:COLUMN of wabt's first error for the file, or null when wabt is not installed.</summary>
    private static string? WabtPosition(string wat)
    {
        var psi = new ProcessStartInfo("wat2wasm") { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add(wat);
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add("/dev/null");
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception) { return null; }
        using (p)
        {
            string first = p.StandardError.ReadLine() ?? "";
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.StartsWith(wat + ":", first);
            return first[(wat.Length + 1)..].Split(':') is [var line, var column, ..] ? $"{line}:{column}" : null;
        }
    }
}
