using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

// 128-bit SIMD is not implemented on AArch64 yet (NEON maps the V128 operator families one to one). SupportsSimd
// stays false, so the generator refuses a SIMD module with "unsupported feature: simd" before reaching these.
public sealed partial class Arm64MacroAssembler
{
    private static UnsupportedFeatureException NoSimd() =>
        new("simd", "128-bit SIMD is not supported by the Singlepass compiler on AArch64 yet");

    public override void V128Const(Reg dst, ulong lo, ulong hi) => throw NoSimd();
    public override void V128Binary(V128BinOp op, Reg dst, Reg lhs, Reg rhs) => throw NoSimd();
    public override void V128Unary(V128UnOp op, Reg dst, Reg src) => throw NoSimd();
    public override void V128Shift(V128ShiftOp op, Reg dst, Reg lhs, Operand count) => throw NoSimd();
    public override void V128Test(V128TestOp op, Reg dst, Reg src) => throw NoSimd();
    public override void V128Bitselect(Reg dst, Reg a, Reg b, Reg mask) => throw NoSimd();
    public override void V128Shuffle(Reg dst, Reg lhs, Reg rhs, ulong lanesLo, ulong lanesHi) => throw NoSimd();
    public override void V128Splat(LaneShape shape, Reg dst, Reg src) => throw NoSimd();
    public override void V128ExtractLane(LaneShape shape, bool signed, Reg dst, Reg src, int lane) => throw NoSimd();
    public override void V128ReplaceLane(LaneShape shape, Reg dst, Reg vec, Reg value, int lane) => throw NoSimd();
    public override void V128Load(V128LoadOp op, Reg dst, Reg addr, ulong offset, Label outOfBounds) => throw NoSimd();
    public override void V128Store(Reg value, Reg addr, ulong offset, Label outOfBounds) => throw NoSimd();
    public override void V128LoadLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds) => throw NoSimd();
    public override void V128StoreLane(int laneBytes, Reg vec, Reg addr, ulong offset, int lane, Label outOfBounds) => throw NoSimd();
    public override void V128CanonicalizeNaN(bool is64, Reg value) => throw NoSimd();
}
