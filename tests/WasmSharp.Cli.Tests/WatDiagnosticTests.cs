namespace WasmSharp.Cli.Tests;

/// <summary>A <c>.wat</c> that parses but does not validate is reported at the instruction's line and column
/// (<c>FILE:LINE:COL: error: MESSAGE</c>, as wabt does), by <c>validate</c>, <c>run</c> and <c>wat2wasm</c>
/// alike, never at an offset of the binary the text was encoded to.</summary>
public class WatDiagnosticTests
{
    public static TheoryData<string, string, string> InvalidModules => new()
    {
        // implicit return: the last instruction
        { "(module\n  (func (export \"_start\") (result i32)\n    (i64.const 1)))", "3:6", "type mismatch" },
        // deep in folded operands, inside a block
        { "(module\n  (func (export \"_start\") (param i32) (result i32)\n    (block (result i32)\n      (i32.add (local.get 0)\n        (f32.const 1)))))", "4:8", "type mismatch" },
        // an unknown label (by index: a $name would not parse)
        { "(module\n  (func (export \"_start\")\n    nop\n    br 1))", "4:5", "unknown label" },
        // a memarg alignment above the natural one
        { "(module (memory 1)\n  (func (export \"_start\") (result i32)\n    (i32.load align=8 (i32.const 0))))", "3:6", "alignment must not be larger than natural" },
    };

    [Theory]
    [MemberData(nameof(InvalidModules))]
    public void ValidateRunAndWat2WasmPointAtTheInstruction(string text, string position, string message)
    {
        string wat = Cli.TempWat(text);
        string expected = $"{wat}:{position}: error: {message}";
        foreach (var args in new[] { new[] { "validate", wat }, ["run", wat], ["run", "--compiler", "cil", wat], ["wat2wasm", wat, "-o", wat + ".wasm"] })
        {
            var r = Cli.Run(args);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal(expected, Assert.Single(r.ErrorLines));
        }
        Assert.False(File.Exists(wat + ".wasm"));
    }

    [Fact]
    public void ARelativePathIsShownAsGiven()
    {
        string wat = Cli.TempWat("(module\n  (func (result i32)\n    (i64.const 1)))");
        var r = Cli.RunIn(Path.GetDirectoryName(wat)!, "validate", Path.GetFileName(wat));
        Assert.Equal($"{Path.GetFileName(wat)}:3:6: error: type mismatch", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void AnInvalidBinaryStillNamesItsOffset()
    {
        string wasm = Path.Combine(Path.GetTempPath(), $"wasmsharp-{Guid.NewGuid():N}.wasm");
        Assert.Equal(0, Cli.Run("wat2wasm", "--no-validate", Cli.TempWat("(module (func (result i32) (i64.const 1)))"), "-o", wasm).ExitCode);
        var r = Cli.Run("validate", wasm);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"error: {wasm}: invalid: type mismatch (at offset 0x1a)", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void AParseErrorOfRunIsPositionedToo()
    {
        string wat = Cli.TempWat("(module\n  (func $f\n    (i32.const 1) (drop) (frob)))");
        var r = Cli.Run("run", wat);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{wat}:3:27: error: unknown operator \"frob\"", Assert.Single(r.ErrorLines));
    }
}
