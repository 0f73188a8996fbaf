using WasmSharp.Binary;

namespace WasmSharp.Tests.Binary;

public class ModuleDecoderTests
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    private static byte[] Module(params byte[] sections) => [.. Header, .. sections];

    private static string Malformed(byte[] bytes) => Assert.Throws<MalformedModuleException>(() => ModuleInfo.Load(bytes)).Reason;
    private static string Invalid(byte[] bytes) => Assert.Throws<InvalidModuleException>(() => ModuleInfo.Load(bytes)).Reason;

    [Fact]
    public void EmptyModuleIsValid() => Assert.Empty(ModuleInfo.Load(Module()).Functions);

    [Fact]
    public void HugeCountsAreRejectedBeforeAllocating()
    {
        // type section claiming 2^32-1 entries in 5 bytes
        Assert.Equal("unexpected end of section or function", Malformed(Module(0x01, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        // function section claiming 2^32-1 entries
        Assert.Equal("unexpected end of section or function", Malformed(Module(0x03, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)));
        // section size past the end of the module
        Assert.Equal("length out of bounds", Malformed(Module(0x01, 0x7F, 0x00)));
    }

    /// <summary>Data segment offsets <c>i32.const n end</c> take a short path when n has at most 4 LEB bytes; every
    /// length of immediate, and an unterminated one, must give what the general path gives.</summary>
    [Theory]
    [InlineData(new byte[] { 0x00 }, 3)]
    [InlineData(new byte[] { 0xFF, 0x7F }, 4)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x00 }, 6)]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x00 }, 7)]
    public void I32ConstOffsetsOfEveryLength(byte[] immediate, int exprLength)
    {
        // memory section (1 memory, min 1), data section: 1 active segment "\2a" at the offset
        byte[] expr = [0x41, .. immediate, 0x0B];
        byte[] data = [0x01, 0x00, .. expr, 0x01, 0x2A];
        var m = ModuleInfo.Load(Module([0x05, 0x03, 0x01, 0x00, 0x01, 0x0B, (byte)(data.Length), .. data]));
        var segment = Assert.Single(m.Data);
        Assert.Equal(new ConstExpr(Header.Length + 5 + 2 + 2, exprLength), segment.Offset);
        Assert.Equal(0x2A, m.Bytes[segment.DataOffset]);
        // no end after the immediate: the general path's complaint
        byte[] open = [0x01, 0x00, 0x41, .. immediate];
        Assert.Equal("unexpected end of section or function", Malformed(Module([0x05, 0x03, 0x01, 0x00, 0x01, 0x0B, (byte)open.Length, .. open])));
    }

    [Fact]
    public void SectionsMustBeInOrder()
    {
        // memory section (5) before table section (4)
        Assert.Equal("unexpected content after last section", Malformed(Module(0x05, 0x01, 0x00, 0x04, 0x01, 0x00)));
        // the data count section (12) goes before code (10)
        Assert.Equal("unexpected content after last section", Malformed(Module(0x0A, 0x01, 0x00, 0x0C, 0x01, 0x00)));
        Assert.Equal("malformed section id", Malformed(Module(0x0D, 0x00)));
    }

    [Fact]
    public void CustomSectionsAreKeptAndNamesDecoded()
    {
        // type () -> (); func 0; code: empty body; name section: module "m", function 0 "f"
        byte[] names = [0x04, (byte)'n', (byte)'a', (byte)'m', (byte)'e',
            0x00, 0x02, 0x01, (byte)'m',
            0x01, 0x04, 0x01, 0x00, 0x01, (byte)'f'];
        var m = ModuleInfo.Load(Module([0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00,
            0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B, 0x00, (byte)names.Length, .. names]));
        Assert.Equal("name", Assert.Single(m.CustomSections).Name);
        Assert.Equal("m", m.Names!.ModuleName);
        Assert.Equal("f", m.FunctionName(0));
    }

    [Fact]
    public void FunctionAndCodeCountsMustAgree() =>
        Assert.Equal("function and code section have inconsistent lengths",
            Malformed(Module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00)));

    [Fact]
    public void BodyTypeErrorsAreInvalid()
    {
        // (func (result i32) i64.const 0)
        Assert.Equal("type mismatch", Invalid(Module(0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, 0x03, 0x02, 0x01, 0x00,
            0x0A, 0x06, 0x01, 0x04, 0x00, 0x42, 0x00, 0x0B)));
    }

    [Fact]
    public void MalformedBodyWinsOverInvalidEarlierBody()
    {
        // body 0 is invalid (i32.add on an empty stack), body 1 uses an undefined opcode
        var m = Module(0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00,
            0x0A, 0x09, 0x02, 0x03, 0x00, 0x6A, 0x0B, 0x03, 0x00, 0xFF, 0x0B);
        Assert.Equal("illegal opcode", Malformed(m));
    }

    [Fact]
    public void EveryOpcodeHasAName()
    {
        foreach (Opcode op in Enum.GetValues<Opcode>())
        {
            Assert.True(OpcodeTable.IsDefined(op));
            Assert.Equal(op, OpcodeTable.FromName(OpcodeTable.Name(op)));
        }
        Assert.Equal(437, Enum.GetValues<Opcode>().Length); // 2.0: MVP and proposals, 0xFC and 0xFD (SIMD) included
    }
}
