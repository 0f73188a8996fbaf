using WasmSharp.Binary;
using WasmSharp.Text;
using WasmSharp.Validation;
using Xunit;

namespace WasmSharp.Tests.Validation;

/// <summary>Module-level validation errors name the offset of the entry at fault (or of the index in it that is out of
/// range), never 0, so a <c>.wat</c> file's error maps back to its line and column (<see cref="WatSourceMap"/>): at
/// the field's keyword, or at the index, where wabt's <c>wat2wasm</c> reports the same errors.</summary>
public sealed class ModuleErrorOffsetTests
{
    /// <summary>The module's error: its reason, the binary's bytes at its offset, and where that maps in the text.</summary>
    private static (string Reason, byte[] At, int Line, int Column) ErrorOf(string wat)
    {
        var binary = Wat.ToBinary(wat, debugNames: false, out var map);
        var e = Assert.Throws<InvalidModuleException>(() => ModuleInfo.Load(binary));
        Assert.True(e.Offset > 8, $"\"{e.Reason}\" at offset {e.Offset}");
        Assert.True(map.TryFind(e.Offset, out int line, out int column), $"offset 0x{e.Offset:x} of \"{e.Reason}\" is not mapped");
        return (e.Reason, binary[(int)e.Offset..Math.Min(binary.Length, (int)e.Offset + 4)], line, column);
    }

    // Each: the text, the reason, the bytes the offset must point at (the entry's first ones, or the index), and the
    // line:column (wabt's where it reports one; the second column, after "|", notes where wabt differs).
    public static TheoryData<string, string, string, string> Errors => new()
    {
        // a second export of a name: the second export's entry (its name "x"), at its keyword
        { "(module\n  (func)\n  (export \"x\" (func 0))\n  (export \"x\" (func 0)))", "duplicate export name", "0178", "4:4" },
        // inline exports: the second inline (export ...)
        { "(module\n  (func (export \"x\"))\n  (func (export \"x\")))", "duplicate export name", "0178", "3:10" },
        { "(module\n  (memory (export \"m\") 1)\n  (func (export \"m\")))", "duplicate export name", "016d", "3:10" },
        // an index out of range in an export: the index
        { "(module\n  (func)\n  (export \"x\" (func 5)))", "unknown function 5", "05", "3:21" },
        { "(module\n  (export \"t\" (table 1)))", "unknown table 1", "01", "2:22" },
        { "(module\n  (export \"m\" (memory 0)))", "unknown memory 0", "00", "2:23" },
        { "(module\n  (global i32 (i32.const 0))\n  (export \"g\" (global 2)))", "unknown global 2", "02", "3:23" },
        // a second memory, defined or imported: its entry
        { "(module\n  (memory 1)\n  (memory 1))", "multiple memories", "0001", "3:4" },
        { "(module\n  (import \"a\" \"b\" (memory 1))\n  (memory 2))", "multiple memories", "0002", "3:4" },
        { "(module\n  (import \"a\" \"b\" (memory 1))\n  (import \"a\" \"c\" (memory 1)))", "multiple memories", "0161", "3:4" },
        // memory and table limits: the memory's or table's entry, or its import's
        { "(module\n  (memory 70000))", "memory size must be at most 65536 pages (4GiB)", "00f0a204", "2:4" },
        { "(module\n  (func)\n  (memory 2 1))", "size minimum must not be greater than maximum", "010201", "3:4" },
        { "(module\n  (import \"a\" \"b\" (memory 2 1)))", "size minimum must not be greater than maximum", "0161", "2:4" },
        { "(module\n  (table 2 1 funcref))", "size minimum must not be greater than maximum", "70010201", "2:4" },
        { "(module\n  (import \"a\" \"b\" (table 2 1 funcref)))", "size minimum must not be greater than maximum", "0161", "2:4" },
        // the start function: the start field
        { "(module\n  (func (param i32))\n  (start 0))", "start function", "00", "3:4" },
        { "(module\n  (func)\n  (start 3))", "unknown function 3", "03", "3:4" },
        // element segments: the segment for its table, the index for an unknown function, the instruction in an expression
        { "(module\n  (func)\n  (elem (i32.const 0) 0))", "unknown table 0", "0041000b", "3:4" },
        { "(module\n  (table 1 externref)\n  (func)\n  (elem (i32.const 0) func 0))", "type mismatch", "0041000b", "4:4" },
        { "(module\n  (table 2 funcref)\n  (func)\n  (elem (i32.const 0) 0 5))", "unknown function 5", "05", "4:25" },
        { "(module\n  (table 2 funcref)\n  (func)\n  (elem (i32.const 0)\n    0 0 7 0))", "unknown function 7", "0700", "5:9" },
        { "(module\n  (table 1 funcref)\n  (elem (i64.const 0)))", "type mismatch", "0b", "3:10" },
        { "(module\n  (table 1 funcref)\n  (elem (i32.const 0) funcref (ref.null extern)))", "type mismatch", "0b", "3:32" },
        { "(module\n  (table 1 funcref)\n  (elem (i32.const 0) funcref (ref.null func) (ref.func 3)))", "unknown function 3", "d2030b", "3:48" },
        { "(module\n  (table 1 funcref)\n  (elem (table 0) (i32.const 0) funcref (ref.null func) (ref.func 3)))", "unknown function 3", "d2030b", "3:58" },
        // data segments: the segment for its memory
        { "(module\n  (func)\n  (data (i32.const 0) \"a\"))", "unknown memory 0", "0041000b", "3:4" },
        // global initializers: the instruction
        { "(module\n  (global i32 (i64.const 0)))", "type mismatch", "0b", "2:16" },
        { "(module\n  (global $g (import \"a\" \"b\") (mut i32))\n  (global i32 (global.get $g)))", "constant expression required", "2300", "3:16" },
        { "(module\n  (global i32 (i32.const 0))\n  (global i32 (global.get 0)))", "unknown global 0", "2300", "3:16" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void AModuleLevelErrorNamesItsEntry(string wat, string reason, string bytesAt, string position)
    {
        var (r, at, line, column) = ErrorOf(wat);
        Assert.Equal(reason, r);
        Assert.StartsWith(bytesAt, Convert.ToHexStringLower(at));
        Assert.Equal(position, $"{line}:{column}");
    }

    [Fact]
    public void AnUnknownTypeOfAFunctionIsItsTypeIndex()
    {
        // type section (one type), then the import of function type 3, then a function of type 7: not expressible in text
        byte[] import = [.. Header, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, 0x07, 0x01, 0x01, 0x61, 0x01, 0x62, 0x00, 0x03];
        Assert.Equal(import.Length - 1, ErrorOffset(import, "unknown type 3"));
        byte[] defined = [.. Header, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x07,
            0x0A, 0x07, 0x02, 0x02, 0x00, 0x0B, 0x02, 0x00, 0x0B];
        Assert.Equal(Array.IndexOf(defined, (byte)0x07), ErrorOffset(defined, "unknown type 7"));
    }

    [Fact]
    public void MismatchedSectionCountsNameTheCountingSection()
    {
        // a data count section of 1 and no data section
        byte[] dataCount = [.. Header, 0x0C, 0x01, 0x01];
        Assert.Equal(8, Assert.Throws<MalformedModuleException>(() => ModuleDecoder.Decode(dataCount)).Offset);
        // a function section of one function and no code section
        byte[] functions = [.. Header, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00];
        Assert.Equal(14, Assert.Throws<MalformedModuleException>(() => ModuleDecoder.Decode(functions)).Offset);
    }

    [Fact]
    public void FeatureAndLimitErrorsNameTheirEntry()
    {
        var binary = Wat.ToBinary("(module\n  (func)\n  (data \"passive\"))", debugNames: false, out var map);
        var e = Assert.Throws<InvalidModuleException>(() => FeatureValidator.Validate(ModuleDecoder.Decode(binary), WasmFeatures.Mvp));
        Assert.True(map.TryFind(e.Offset, out int line, out int column));
        Assert.Equal((3, 4), (line, column));

        Assert.Equal((3, 4), LimitErrorAt("(module\n  (func)\n  (memory 5))", new ModuleLimits { MaxMemoryPages = 4 }));
        // a count over its limit: the first entry past it
        Assert.Equal((4, 4), LimitErrorAt("(module\n  (func (export \"a\"))\n  (export \"b\" (func 0))\n  (export \"c\" (func 0)))", new ModuleLimits { MaxExports = 2 }));
        Assert.Equal((3, 4), LimitErrorAt("(module\n  (global (import \"m\" \"g\") i32)\n  (global i32 (i32.const 0)))", new ModuleLimits { MaxGlobals = 1 }));
        Assert.Equal((2, 4), LimitErrorAt("(module\n  (global (import \"m\" \"g\") i32)\n  (global i32 (i32.const 0)))", new ModuleLimits { MaxGlobals = 0 }));
        Assert.Equal((3, 4), LimitErrorAt("(module\n  (func)\n  (func))", new ModuleLimits { MaxFunctions = 1 }));
    }

    /// <summary>Where the module limit error of the text maps.</summary>
    private static (int Line, int Column) LimitErrorAt(string wat, ModuleLimits limits)
    {
        var binary = Wat.ToBinary(wat, debugNames: false, out var map);
        var e = Assert.Throws<InvalidModuleException>(() => ModuleLimitsValidator.Validate(ModuleDecoder.Decode(binary), limits));
        Assert.True(map.TryFind(e.Offset, out int line, out int column), $"\"{e.Reason}\" at 0x{e.Offset:x} is not mapped");
        return (line, column);
    }

    [Fact]
    public void ValidationRecordsEachFunctionsOperandHeight()
    {
        var m = ModuleInfo.Load(Wat.ToBinary("(module (import \"a\" \"b\" (func))\n  (func)\n  (func (result i32) i32.const 1 i32.const 2 i32.const 3 i32.add i32.add)\n  (func (param i32) (result i32) (block (result i32) local.get 0)))"));
        Assert.Equal([0, 3, 1], m.MaxOperandHeights!);
    }

    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private static long ErrorOffset(byte[] binary, string reason)
    {
        var e = Assert.Throws<InvalidModuleException>(() => ModuleInfo.Load(binary));
        Assert.Equal(reason, e.Reason);
        return e.Offset;
    }
}
