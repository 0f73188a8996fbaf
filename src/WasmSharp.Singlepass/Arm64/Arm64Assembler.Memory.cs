namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64Assembler
{
    // Load/store register encodings share size:111:V:..:opc:..:Rn:Rt and differ in the middle bits.
    private const uint LoadStoreUnsignedOffset = 0x3900_0000u; // imm12, scaled by the access size
    private const uint LoadStoreUnscaled = 0x3800_0000u;       // imm9, bits 11..10 = 00 (ldur/stur)
    private const uint LoadStorePostIndex = 0x3800_0400u;      // imm9, bits 11..10 = 01
    private const uint LoadStorePreIndex = 0x3800_0C00u;       // imm9, bits 11..10 = 11
    private const uint LoadStoreRegister = 0x3820_0800u;       // Rm, option, S

    /// <summary>
    /// Whether <c>[base, #offset]</c> is encodable for an access of 1 &lt;&lt; <paramref name="sizeLog2"/> bytes: an unsigned
    /// multiple of the size up to 4095 times it, or any offset in -256..255 (unscaled). Otherwise the caller adds the
    /// offset to a scratch register first.
    /// </summary>
    public static bool IsEncodableOffset(int sizeLog2, long offset) =>
        IsScaledOffset(sizeLog2, offset) || IsUnscaledOffset(offset);

    private static bool IsScaledOffset(int sizeLog2, long offset) =>
        offset >= 0 && (offset & ((1L << sizeLog2) - 1)) == 0 && (offset >> sizeLog2) < 4096;

    private static bool IsUnscaledOffset(long offset) => offset >= -256 && offset <= 255;

    /// <summary>
    /// <c>ldr*/str* rt, [rn, #offset]</c> (or the pre/post-indexed forms, imm9 only). Offset mode prefers the scaled
    /// 12-bit form and falls back to ldur/stur. rn may be sp. Unaligned addresses are fine for normal memory.
    /// </summary>
    public void Mem(MemOp op, XReg rt, XReg rn, long offset, AddrMode mode = AddrMode.Offset) =>
        LoadStoreImmediate((uint)op, op.SizeLog2(), Rz(rt), rn, offset, mode);

    /// <summary><c>ldr/str s/d/q, [rn, #offset]</c> and pre/post-indexed forms; see <see cref="Mem(MemOp, XReg, XReg, long, AddrMode)"/>.</summary>
    public void Mem(FpMemOp op, VReg rt, XReg rn, long offset, AddrMode mode = AddrMode.Offset) =>
        LoadStoreImmediate((uint)op, op.SizeLog2(), V(rt), rn, offset, mode);

    /// <summary>
    /// <c>ldr*/str* rt, [rn, rm{, ext #size}]</c>: the register index widened by <paramref name="ext"/> (uxtw for a
    /// 32-bit Wasm address) and, if <paramref name="scaled"/>, multiplied by the access size.
    /// </summary>
    public void MemIndexed(MemOp op, XReg rt, XReg rn, XReg rm, IndexExtend ext = IndexExtend.Lsl, bool scaled = false) =>
        LoadStoreIndexed((uint)op, Rz(rt), rn, rm, ext, scaled);

    /// <summary>Register-offset form for s/d/q registers; see <see cref="MemIndexed(MemOp, XReg, XReg, XReg, IndexExtend, bool)"/>.</summary>
    public void MemIndexed(FpMemOp op, VReg rt, XReg rn, XReg rm, IndexExtend ext = IndexExtend.Lsl, bool scaled = false) =>
        LoadStoreIndexed((uint)op, V(rt), rn, rm, ext, scaled);

    private void LoadStoreImmediate(uint op, int sizeLog2, uint rt, XReg rn, long offset, AddrMode mode)
    {
        uint n = Rs(rn) << 5;
        if (mode == AddrMode.Offset && IsScaledOffset(sizeLog2, offset))
        {
            Emit(LoadStoreUnsignedOffset | op | (uint)(offset >> sizeLog2) << 10 | n | rt);
            return;
        }
        if (!IsUnscaledOffset(offset))
            ThrowUnencodable(mode == AddrMode.Offset ? "a load/store offset" : "a pre/post-index offset (-256..255)", offset);
        uint form = mode switch
        {
            AddrMode.PreIndex => LoadStorePreIndex,
            AddrMode.PostIndex => LoadStorePostIndex,
            _ => LoadStoreUnscaled,
        };
        Emit(form | op | ((uint)offset & 0x1FF) << 12 | n | rt);
    }

    private void LoadStoreIndexed(uint op, uint rt, XReg rn, XReg rm, IndexExtend ext, bool scaled) =>
        Emit(LoadStoreRegister | op | Rz(rm) << 16 | (uint)ext << 13 | (scaled ? 1u << 12 : 0) | Rs(rn) << 5 | rt);

    /// <summary>
    /// <c>ldr wt/xt, label</c> placeholder: a PC-relative literal load (±1 MiB, <see cref="Arm64BranchKind.Imm19"/>)
    /// aimed at <paramref name="target"/>, a byte offset in this buffer. Returns the instruction's offset.
    /// </summary>
    public int LdrLiteral(RegWidth w, XReg rt, int target) =>
        EmitBranch(w == RegWidth.X ? 0x5800_0000u : 0x1800_0000u, Rz(rt), target, Arm64BranchKind.Imm19);

    /// <summary><c>ldr st/dt/qt, label</c>: a floating-point constant from a literal pool.</summary>
    public int LdrLiteral(FpMemOp size, VReg rt, int target)
    {
        uint opc = size switch
        {
            FpMemOp.LdrS => 0u,
            FpMemOp.LdrD => 1u,
            FpMemOp.LdrQ => 2u,
            _ => throw new ArgumentOutOfRangeException(nameof(size), size, "a literal load is LdrS, LdrD or LdrQ"),
        };
        return EmitBranch(0x1C00_0000u | opc << 30, V(rt), target, Arm64BranchKind.Imm19);
    }

    // ---- pairs -----------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>stp rt, rt2, [rn, #offset]</c> (or pre/post-indexed): offset is a multiple of the register size in
    /// -64..63 times it. The prologue's <c>stp x29, x30, [sp, #-16]!</c>.
    /// </summary>
    public void Stp(RegWidth w, XReg rt, XReg rt2, XReg rn, int offset, AddrMode mode = AddrMode.Offset) =>
        Pair(w == RegWidth.X ? 2u : 0u, 0, false, Rz(rt), Rz(rt2), rn, offset, mode, w == RegWidth.X ? 3 : 2);

    /// <summary><c>ldp rt, rt2, [rn, #offset]</c> (or pre/post-indexed); rt and rt2 must differ.</summary>
    public void Ldp(RegWidth w, XReg rt, XReg rt2, XReg rn, int offset, AddrMode mode = AddrMode.Offset)
    {
        if (rt == rt2)
            throw new ArgumentException("ldp cannot load the same register twice", nameof(rt2));
        Pair(w == RegWidth.X ? 2u : 0u, 0, true, Rz(rt), Rz(rt2), rn, offset, mode, w == RegWidth.X ? 3 : 2);
    }

    /// <summary><c>stp st/dt, ...</c>: saving d8–d15 in the entry trampoline.</summary>
    public void Stp(FpSize size, VReg rt, VReg rt2, XReg rn, int offset, AddrMode mode = AddrMode.Offset) =>
        Pair((uint)size, 1, false, V(rt), V(rt2), rn, offset, mode, 2 + (int)size);

    /// <summary><c>ldp st/dt, ...</c>: restoring d8–d15.</summary>
    public void Ldp(FpSize size, VReg rt, VReg rt2, XReg rn, int offset, AddrMode mode = AddrMode.Offset)
    {
        if (rt == rt2)
            throw new ArgumentException("ldp cannot load the same register twice", nameof(rt2));
        Pair((uint)size, 1, true, V(rt), V(rt2), rn, offset, mode, 2 + (int)size);
    }

    private void Pair(uint opc, uint vector, bool load, uint rt, uint rt2, XReg rn, int offset, AddrMode mode, int sizeLog2)
    {
        if ((offset & ((1 << sizeLog2) - 1)) != 0)
            ThrowUnencodable("a pair offset (a multiple of the register size)", offset);
        int scaled = offset >> sizeLog2;
        CheckRange(scaled, -64, 63, nameof(offset));
        uint index = mode switch
        {
            AddrMode.PostIndex => 1u,
            AddrMode.PreIndex => 3u,
            _ => 2u,
        };
        Emit(0x2800_0000u | opc << 30 | vector << 26 | index << 23 | (load ? 1u << 22 : 0) |
             ((uint)scaled & 0x7F) << 15 | rt2 << 10 | Rs(rn) << 5 | rt);
    }
}
