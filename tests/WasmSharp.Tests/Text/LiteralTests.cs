using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

public sealed class LiteralTests
{
    [Theory]
    [InlineData("0", 0u)]
    [InlineData("4294967295", 0xFFFFFFFFu)]
    [InlineData("-1", 0xFFFFFFFFu)]
    [InlineData("-2147483648", 0x80000000u)]
    [InlineData("+2147483647", 0x7FFFFFFFu)]
    [InlineData("0xffff_ffff", 0xFFFFFFFFu)]
    [InlineData("-0x8000_0000", 0x80000000u)]
    [InlineData("1_000_000", 1000000u)]
    public void I32_literals(string text, uint bits)
    {
        Assert.True(IntegerLiteral.TryParseInt(text, 32, out ulong v));
        Assert.Equal(bits, (uint)v);
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData("-2147483649")]
    [InlineData("+2147483648")]
    [InlineData("0x1_0000_0000")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("0x_1")]
    [InlineData("0x")]
    [InlineData("+")]
    [InlineData("1a")]
    public void Bad_i32_literals(string text) => Assert.False(IntegerLiteral.TryParseInt(text, 32, out _));

    [Theory]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    [InlineData("-9223372036854775808", 0x8000000000000000ul)]
    [InlineData("0x7fff_ffff_ffff_ffff", 0x7FFFFFFFFFFFFFFFul)]
    public void I64_literals(string text, ulong bits)
    {
        Assert.True(IntegerLiteral.TryParseInt(text, 64, out ulong v));
        Assert.Equal(bits, v);
    }

    [Theory]
    [InlineData("0", 0x00000000u)]
    [InlineData("-0", 0x80000000u)]
    [InlineData("1", 0x3F800000u)]
    [InlineData("0.1", 0x3DCCCCCDu)]
    [InlineData("1.", 0x3F800000u)]
    [InlineData("1.e1", 0x41200000u)]
    [InlineData("1_000.5", 0x447A2000u)]
    [InlineData("inf", 0x7F800000u)]
    [InlineData("-inf", 0xFF800000u)]
    [InlineData("nan", 0x7FC00000u)]
    [InlineData("-nan", 0xFFC00000u)]
    [InlineData("+nan:0x1", 0x7F800001u)]
    [InlineData("nan:0x7f_ffff", 0x7FFFFFFFu)]
    [InlineData("0x1p-149", 0x00000001u)]           // smallest subnormal
    [InlineData("0x1p-150", 0x00000000u)]           // half of it: tie rounds to even (zero)
    [InlineData("0x1.8p-149", 0x00000002u)]         // 1.5 ulp: tie rounds to even (2)
    [InlineData("0x1.000001p0", 0x3F800000u)]       // 1 + half ulp: tie to even, down
    [InlineData("0x1.000003p0", 0x3F800002u)]       // 1 + 1.5 ulp: tie to even, up
    [InlineData("0x1.0000010000000000001p0", 0x3F800001u)] // just above the tie: sticky bits round up
    [InlineData("0x1.fffffep127", 0x7F7FFFFFu)]     // largest finite
    [InlineData("0x1.fffffefffffffp127", 0x7F7FFFFFu)]
    [InlineData("0x1.fffffep-127", 0x00800000u)]    // rounds up into the normal range
    [InlineData("3.4028234663852886e38", 0x7F7FFFFFu)]
    [InlineData("3.4028235677973366e38", 0x7F7FFFFFu)]   // just below the halfway point to 2^128
    [InlineData("1.4e-45", 0x00000001u)]
    [InlineData("7e-46", 0x00000000u)]
    [InlineData("0x.8p1", 0)]
    public void F32_literals(string text, uint bits)
    {
        if (text.StartsWith("0x.")) { Assert.False(FloatLiteral.TryParseF32(text, out _)); return; }
        Assert.True(FloatLiteral.TryParseF32(text, out uint v), text);
        Assert.Equal(bits, v);
    }

    [Theory]
    [InlineData("0x1.ffffffp127")]          // ties to even rounds up to 2^128: out of range
    [InlineData("340282356779733661637539395458142568448")] // the exact decimal tie, same
    [InlineData("3.4028235677973367e38")]
    [InlineData("1e39")]
    [InlineData("0x1p128")]
    [InlineData("nan:0x800000")]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x")]
    [InlineData("1e")]
    [InlineData("1.5e+")]
    [InlineData(".5")]
    [InlineData("1__0.0")]
    [InlineData("1._0")]
    [InlineData("0x1p_1")]
    [InlineData("infinity")]
    public void Bad_f32_literals(string text) => Assert.False(FloatLiteral.TryParseF32(text, out _));

    [Theory]
    [InlineData("0x1p-1074", 0x0000000000000001ul)]
    [InlineData("0x1p-1075", 0x0000000000000000ul)]
    [InlineData("0x1.8p-1074", 0x0000000000000002ul)]
    [InlineData("0x1.fffffffffffffp-1023", 0x0010000000000000ul)] // exact tie between subnormal max and normal min
    [InlineData("0x1.fffffffffffffp1023", 0x7FEFFFFFFFFFFFFFul)]
    [InlineData("1.7976931348623157e308", 0x7FEFFFFFFFFFFFFFul)]
    [InlineData("4.9e-324", 0x0000000000000001ul)]
    [InlineData("-0x1.921fb54442d18p+1", 0xC00921FB54442D18ul)]
    [InlineData("nan:0x8_0000_0000_0000", 0x7FF8000000000000ul)]
    [InlineData("-nan:0xf_ffff_ffff_ffff", 0xFFFFFFFFFFFFFFFFul)]
    [InlineData("0x0.0000000000000000000000000000000000000001p+160", 0x3FF0000000000000ul)]
    [InlineData("1e-400", 0ul)]
    public void F64_literals(string text, ulong bits)
    {
        Assert.True(FloatLiteral.TryParseF64(text, out ulong v), text);
        Assert.Equal(bits, v);
    }

    [Theory]
    [InlineData("0x1.fffffffffffff8p1023")]
    [InlineData("1.7976931348623159e308")]
    [InlineData("nan:0x10_0000_0000_0000")]
    public void Bad_f64_literals(string text) => Assert.False(FloatLiteral.TryParseF64(text, out _));

    [Fact]
    public void Float_constants_are_encoded_little_endian()
    {
        var body = WasmReader.Body(Wat.ToBinary("(func (result f64) (f64.const -0x1p-1074)) (func (result f32) (f32.const nan:0x200000))"));
        Assert.Equal(new byte[] { 0x44, 1, 0, 0, 0, 0, 0, 0, 0x80, 0x0B }, body);
        body = WasmReader.Body(Wat.ToBinary("(func (result f64) (f64.const -0x1p-1074)) (func (result f32) (f32.const nan:0x200000))"), 1);
        Assert.Equal(new byte[] { 0x43, 0x00, 0x00, 0xA0, 0x7F, 0x0B }, body);
    }

    [Fact]
    public void Integer_constants_use_minimal_signed_leb128()
    {
        var body = WasmReader.Body(Wat.ToBinary(
            "(func (i32.const 0xffff_ffff) (i32.const 64) (i32.const -65) (i64.const 0x8000000000000000) drop drop drop drop)"));
        Assert.Equal(new byte[]
        {
            0x41, 0x7F,
            0x41, 0xC0, 0x00,
            0x41, 0xBF, 0x7F,
            0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F,
            0x1A, 0x1A, 0x1A, 0x1A, 0x0B,
        }, body);
    }

    [Fact]
    public void Strings_decode_every_escape()
    {
        var module = Wat.ToBinary("(memory 1) (data (i32.const 0) \"a\\n\\t\\\\\\'\\\"\\41\\ff\\u{41}\\u{e9}\\u{1F600}\" \"é\")");
        var data = WasmReader.Section(module, 11);
        byte[] expected = [(byte)'a', (byte)'\n', (byte)'\t', (byte)'\\', (byte)'\'', (byte)'"', 0x41, 0xFF, 0x41, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xC3, 0xA9];
        Assert.Equal(expected, data[^expected.Length..]);
    }

    [Theory]
    [InlineData("(data (i32.const 0) \"\\q\")")]
    [InlineData("(data (i32.const 0) \"\\4\")")]
    [InlineData("(data (i32.const 0) \"\\u{110000}\")")]
    [InlineData("(data (i32.const 0) \"\\u{d800}\")")]
    [InlineData("(data (i32.const 0) \"\\u41\")")]
    [InlineData("(data (i32.const 0) \"abc)")]
    [InlineData("(data (i32.const 0) \"a\tb\")")]
    [InlineData("(export \"\\ff\" (func 0)) (func)")]
    public void Bad_strings_are_malformed(string text) => Assert.Throws<WatParseException>(() => Wat.ToBinary(text));
}
