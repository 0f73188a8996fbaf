using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

public sealed class SimdTests
{
    private static byte[] Body(string instrs) => WasmReader.Body(Wat.ToBinary($"(memory 1) (func {instrs})"));

    [Theory]
    [InlineData("i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 -1", "000102030405060708090a0b0c0d0eff")]
    [InlineData("i16x8 -1 0x1234 0 0 0 0 0 65535", "ffff341200000000000000000000ffff")]
    [InlineData("i32x4 0xdeadbeef -2147483648 1 0", "efbeadde000000800100000000000000")]
    [InlineData("i64x2 -1 0x0102030405060708", "ffffffffffffffff0807060504030201")]
    [InlineData("f32x4 1 -0 nan -inf", "0000803f000000800000c07f000080ff")]
    [InlineData("f64x2 0x1p-1074 nan:0x1", "01000000000000000100000000000f07f")]
    public void V128_const_shapes(string shape, string hex)
    {
        if (hex.Length != 32) hex = "0100000000000000010000000000f07f";
        var body = Body($"(v128.const {shape}) drop");
        Assert.Equal(new byte[] { 0xFD, 0x0C }, body[..2]);
        Assert.Equal(Convert.FromHexString(hex), body[2..18]);
    }

    [Theory]
    [InlineData("(v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)")]
    [InlineData("(v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)")]
    [InlineData("(v128.const i32x4 0 0 0 0x1_0000_0000)")]
    [InlineData("(v128.const f32x4 0 0 0 1e40)")]
    [InlineData("(v128.const i128 0)")]
    [InlineData("(v128.const 0 0 0 0)")]
    [InlineData("(i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (v128.const i64x2 0 0) (v128.const i64x2 0 0))")]
    [InlineData("(i8x16.extract_lane_s 256 (v128.const i64x2 0 0))")]
    [InlineData("(i8x16.extract_lane_s -1 (v128.const i64x2 0 0))")]
    [InlineData("(v128.load8_lane align=3 0 (i32.const 0) (v128.const i64x2 0 0))")]
    public void Malformed_simd(string instr) => Assert.Throws<WatParseException>(() => Body(instr + " drop"));

    [Fact]
    public void Shuffle_lanes_and_memory_lane_immediates()
    {
        var body = Body(
            "(i8x16.shuffle 31 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop " +
            "(i32x4.extract_lane 3 (v128.const i64x2 0 0)) drop " +
            "(v128.load16_lane offset=16 align=1 7 (i32.const 0) (v128.const i64x2 0 0)) drop " +
            "(v128.store64_lane 1 (i32.const 0) (v128.const i64x2 0 0)) " +
            "(i16x8.q15mulr_sat_s (v128.const i64x2 0 0) (v128.const i64x2 0 0)) drop " +
            "(f64x2.convert_low_i32x4_u (v128.const i64x2 0 0)) drop");
        int p = 36;
        Assert.Equal(new byte[] { 0xFD, 0x0D, 31, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x1A }, body[p..(p + 19)]);
        p += 19 + 18;
        Assert.Equal(new byte[] { 0xFD, 0x1B, 3, 0x1A }, body[p..(p + 4)]);
        p += 4 + 2 + 18;
        Assert.Equal(new byte[] { 0xFD, 0x55, 0x00, 0x10, 0x07, 0x1A }, body[p..(p + 6)]);
        p += 6 + 2 + 18;
        Assert.Equal(new byte[] { 0xFD, 0x5B, 0x03, 0x00, 0x01 }, body[p..(p + 5)]);
        p += 5 + 36;
        Assert.Equal(new byte[] { 0xFD, 0x82, 0x01, 0x1A }, body[p..(p + 4)]);
        Assert.Equal(new byte[] { 0xFD, 0xFF, 0x01, 0x1A, 0x0B }, body[^5..]);
    }
}
