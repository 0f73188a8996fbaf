using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

/// <summary><see cref="WatSourceMap"/>: a validation error's binary offset maps back to the text that was encoded
/// there, in flat and folded forms, in function bodies (after their locals), initializers and module fields.</summary>
public sealed class SourceMapTests
{
    /// <summary>Validates the text's binary and returns where its error maps to.</summary>
    private static (int Line, int Column, string Reason) ErrorAt(string wat)
    {
        var binary = Wat.ToBinary(wat, debugNames: false, out var map);
        var e = Assert.Throws<InvalidModuleException>(() => ModuleInfo.Load(binary));
        Assert.True(map.TryFind(e.Offset, out int line, out int column), $"offset 0x{e.Offset:x} of \"{e.Reason}\" is not mapped");
        return (line, column, e.Reason);
    }

    [Theory]
    // the implicit end of a function: the last instruction, as wabt reports it
    [InlineData("(module\n  (func (result i32)\n    (i64.const 1)))", 3, 6)]
    // deep inside folded operands: the instruction whose operands do not fit
    [InlineData("(module\n  (func (param i32) (result i32)\n    (block (result i32)\n      (i32.add (local.get 0)\n        (f32.const 1)))))", 4, 8)]
    // flat form, after locals
    [InlineData("(module\n  (func (local i64 i32) (local f32)\n    i32.const 1\n    i32.const 2\n    i64.add\n    drop))", 5, 5)]
    [InlineData("(module\n  (func\n    br 1))", 3, 5)]
    [InlineData("(module\n  (memory 1)\n  (func (result i32)\n    (i32.load align=8 (i32.const 0))))", 4, 6)]
    // a flat block's end is its end keyword
    [InlineData("(module\n  (func (result i32)\n    block (result i32)\n      i64.const 1\n    end))", 5, 5)]
    // a folded if's end is its keyword, also when the empty else arm is not encoded
    [InlineData("(module (func (result i32)\n  (if (result i32) (i32.const 0) (then (i32.const 1)) (else))))", 2, 4)]
    [InlineData("(module (func\n  (if (i32.const 0) (then) (else (i32.const 1)))))", 2, 4)]
    // the second function's error, not the first's
    [InlineData("(module\n  (func (drop (i32.const 0)))\n  (func (drop (i32.add (i32.const 0) (i64.const 0)))))", 3, 16)]
    // a global's initializer
    [InlineData("(module\n  (global i32\n    (i64.const 0)))", 3, 6)]
    // a data segment's offset, after an earlier segment
    [InlineData("(module (memory 1)\n  (data (i32.const 0) \"a\")\n  (data (i64.const 0) \"b\"))", 3, 10)]
    // an instruction that needs the data count section
    [InlineData("(module (memory 1)\n  (func (export \"f\")\n    (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))))", 3, 6)]
    public void AValidationErrorMapsToItsInstructionOrField(string wat, int line, int column)
    {
        var (l, c, reason) = ErrorAt(wat);
        Assert.True((line, column) == (l, c), $"\"{reason}\" mapped to {l}:{c}, expected {line}:{column}");
    }

    [Fact]
    public void TheMapDoesNotChangeTheEncoding()
    {
        string wat = "(module $m (memory 1) (global $g (mut i32) (i32.const 3)) (data (i32.const 8) \"hi\")\n" +
            "  (func $f (export \"f\") (param i32) (result i32) (local i64)\n" +
            "    (if (result i32) (local.get 0) (then (global.get $g)) (else (i32.load offset=8 (i32.const 0)))))\n" +
            "  (table 1 funcref) (elem (i32.const 0) $f))";
        Assert.Equal(Wat.ToBinary(wat, debugNames: true), Wat.ToBinary(wat, debugNames: true, out _));
        Assert.Equal(Wat.ToBinary(wat), Wat.ToBinary(wat, debugNames: false, out _));
    }

    [Fact]
    public void EveryFlatInstructionMapsToItsOwnLine()
    {
        // one instruction a line: the opcode of each lands on the line it was written on
        string wat = "(module (func (result i32)\ni32.const 1\ni32.const 2\ni32.add\ni32.const 3\ni32.mul))";
        var binary = Wat.ToBinary(wat, debugNames: false, out var map);
        int body = binary.Length - 9; // i32.const 1 (2 bytes), i32.const 2 (2), add, i32.const 3 (2), mul, end
        int[] opcodeOffsets = [body, body + 2, body + 4, body + 5, body + 7];
        for (int i = 0; i < opcodeOffsets.Length; i++)
        {
            Assert.True(map.TryFind(opcodeOffsets[i], out int line, out int column));
            Assert.Equal((i + 2, 1), (line, column));
        }
        // an immediate belongs to its instruction
        Assert.True(map.TryFind(body + 1, out int immLine, out _));
        Assert.Equal(2, immLine);
    }

    [Fact]
    public void AnEmptyFunctionBodyMapsToItsField()
    {
        var binary = Wat.ToBinary("(module\n  (func (result i32)))", debugNames: false, out var map);
        var e = Assert.Throws<InvalidModuleException>(() => ModuleInfo.Load(binary));
        Assert.True(map.TryFind(e.Offset, out int line, out int column));
        Assert.Equal((2, 4), (line, column)); // a field is placed at its keyword, as wabt places field errors
    }

    [Fact]
    public void SectionHeadersMapToNothing()
    {
        Wat.ToBinary("(module (func))", debugNames: false, out var map);
        Assert.False(map.TryFind(0, out _, out _));   // the magic
        Assert.False(map.TryFind(9, out _, out _));   // the type section
        Assert.False(map.TryFind(1000, out _, out _)); // past the end
    }
}
