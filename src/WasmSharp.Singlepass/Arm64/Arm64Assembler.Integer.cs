namespace WasmSharp.Singlepass.Arm64;

internal sealed partial class Arm64Assembler
{
    // ---- add/sub ---------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>add/adds/sub/subs rd, rn, #imm</c> where imm is 0..4095, optionally shifted by 12 (see
    /// <see cref="AddSubImmediate"/>). rn may be sp; rd may be sp for add/sub and zr for the flag-setting forms (cmp/cmn).
    /// </summary>
    public void AddSubImm(AddSubOp op, RegWidth w, XReg rd, XReg rn, ulong imm)
    {
        if (!AddSubImmediate.TryEncode(imm, out uint field))
            ThrowUnencodable("an add/sub immediate", (long)imm);
        Emit(0x1100_0000u | Sf(w) | (uint)op | field | Rs(rn) << 5 | AddSubDestination(op, rd));
    }

    /// <summary>
    /// <c>add/adds/sub/subs rd, rn, rm{, shift #amount}</c>. If rd or rn is sp (the shifted form cannot name it),
    /// the extended-register form with an lsl alias is used instead, which limits the shift to lsl #0..4.
    /// </summary>
    public void AddSub(AddSubOp op, RegWidth w, XReg rd, XReg rn, XReg rm, Shift shift = Shift.Lsl, int amount = 0)
    {
        if (rd == XReg.Sp || rn == XReg.Sp)
        {
            if (shift != Shift.Lsl)
                throw new ArgumentException("sp operands only allow an lsl shift", nameof(shift));
            AddSubExt(op, w, rd, rn, rm, w == RegWidth.X ? Extend.Uxtx : Extend.Uxtw, amount);
            return;
        }
        if (shift == Shift.Ror)
            throw new ArgumentException("add/sub cannot rotate their operand", nameof(shift));
        CheckRange(amount, 0, Bits(w) - 1, nameof(amount));
        Emit(0x0B00_0000u | Sf(w) | (uint)op | (uint)shift << 22 | Rz(rm) << 16 | (uint)amount << 10 | Rz(rn) << 5 | Rz(rd));
    }

    /// <summary><c>add/adds/sub/subs rd, rn, rm, ext #amount</c> (amount 0..4): rm is widened first. rn may be sp.</summary>
    public void AddSubExt(AddSubOp op, RegWidth w, XReg rd, XReg rn, XReg rm, Extend ext, int amount = 0)
    {
        CheckRange(amount, 0, 4, nameof(amount));
        Emit(0x0B20_0000u | Sf(w) | (uint)op | Rz(rm) << 16 | (uint)ext << 13 | (uint)amount << 10 | Rs(rn) << 5 | AddSubDestination(op, rd));
    }

    /// <summary>The flag-setting forms write zr where the others write sp.</summary>
    private static uint AddSubDestination(AddSubOp op, XReg rd) =>
        (op == AddSubOp.Adds || op == AddSubOp.Subs) ? Rz(rd) : Rs(rd);

    public void Add(RegWidth w, XReg rd, XReg rn, XReg rm) => AddSub(AddSubOp.Add, w, rd, rn, rm);

    public void Sub(RegWidth w, XReg rd, XReg rn, XReg rm) => AddSub(AddSubOp.Sub, w, rd, rn, rm);

    public void AddImm(RegWidth w, XReg rd, XReg rn, ulong imm) => AddSubImm(AddSubOp.Add, w, rd, rn, imm);

    public void SubImm(RegWidth w, XReg rd, XReg rn, ulong imm) => AddSubImm(AddSubOp.Sub, w, rd, rn, imm);

    /// <summary><c>cmp rn, rm</c> = subs zr, rn, rm.</summary>
    public void Cmp(RegWidth w, XReg rn, XReg rm) => AddSub(AddSubOp.Subs, w, XReg.Zr, rn, rm);

    /// <summary><c>cmp rn, #imm</c> = subs zr, rn, #imm.</summary>
    public void CmpImm(RegWidth w, XReg rn, ulong imm) => AddSubImm(AddSubOp.Subs, w, XReg.Zr, rn, imm);

    /// <summary><c>cmn rn, #imm</c> = adds zr, rn, #imm: compares with -imm.</summary>
    public void CmnImm(RegWidth w, XReg rn, ulong imm) => AddSubImm(AddSubOp.Adds, w, XReg.Zr, rn, imm);

    /// <summary><c>neg rd, rm</c> = sub rd, zr, rm.</summary>
    public void Neg(RegWidth w, XReg rd, XReg rm) => AddSub(AddSubOp.Sub, w, rd, XReg.Zr, rm);

    /// <summary>
    /// <c>mov rd, rm</c>: orr rd, zr, rm for general registers, add rd, rn, #0 when either is sp
    /// (orr would read or write zr there). A 32-bit move zeroes the upper half (Wasm's i64.extend_i32_u).
    /// </summary>
    public void Mov(RegWidth w, XReg rd, XReg rm)
    {
        if (rd == XReg.Sp || rm == XReg.Sp)
            AddSubImm(AddSubOp.Add, w, rd, rm, 0);
        else
            Logic(LogicOp.Orr, w, rd, XReg.Zr, rm);
    }

    // ---- logical ---------------------------------------------------------------------------------------------

    /// <summary><c>and/bic/orr/orn/eor/eon/ands/bics rd, rn, rm{, shift #amount}</c>; all registers may be zr.</summary>
    public void Logic(LogicOp op, RegWidth w, XReg rd, XReg rn, XReg rm, Shift shift = Shift.Lsl, int amount = 0)
    {
        CheckRange(amount, 0, Bits(w) - 1, nameof(amount));
        Emit(0x0A00_0000u | Sf(w) | (uint)op | (uint)shift << 22 | Rz(rm) << 16 | (uint)amount << 10 | Rz(rn) << 5 | Rz(rd));
    }

    /// <summary>
    /// <c>and/orr/eor/ands rd, rn, #bitmask</c> (see <see cref="LogicalImmediate"/>); the inverting ops
    /// (bic, orn, eon, bics) are encoded with the complemented immediate. rd may be sp except for ands/bics.
    /// </summary>
    public void LogicImm(LogicOp op, RegWidth w, XReg rd, XReg rn, ulong imm)
    {
        const uint invert = 1u << 21;
        if (w == RegWidth.W && imm > uint.MaxValue)
            ThrowUnencodable("a 32-bit logical immediate", (long)imm);
        if (((uint)op & invert) != 0)
            imm = w == RegWidth.X ? ~imm : ~imm & uint.MaxValue;
        if (!LogicalImmediate.TryEncode(imm, w, out uint field))
            ThrowUnencodable("a logical (bitmask) immediate", (long)imm);
        uint opc = (uint)op & ~invert;
        uint d = opc == (uint)LogicOp.Ands ? Rz(rd) : Rs(rd);
        Emit(0x1200_0000u | Sf(w) | opc | field | Rz(rn) << 5 | d);
    }

    /// <summary><c>tst rn, rm</c> = ands zr, rn, rm.</summary>
    public void Tst(RegWidth w, XReg rn, XReg rm) => Logic(LogicOp.Ands, w, XReg.Zr, rn, rm);

    /// <summary><c>tst rn, #bitmask</c> = ands zr, rn, #bitmask.</summary>
    public void TstImm(RegWidth w, XReg rn, ulong imm) => LogicImm(LogicOp.Ands, w, XReg.Zr, rn, imm);

    /// <summary><c>mvn rd, rm</c> = orn rd, zr, rm.</summary>
    public void Mvn(RegWidth w, XReg rd, XReg rm) => Logic(LogicOp.Orn, w, rd, XReg.Zr, rm);

    // ---- move wide -------------------------------------------------------------------------------------------

    /// <summary><c>movz rd, #imm16, lsl #shift</c>: the other bits become zero.</summary>
    public void Movz(RegWidth w, XReg rd, ushort imm16, int shift = 0) => MoveWide(0x5280_0000u, w, rd, imm16, shift);

    /// <summary><c>movn rd, #imm16, lsl #shift</c>: rd = ~(imm16 &lt;&lt; shift).</summary>
    public void Movn(RegWidth w, XReg rd, ushort imm16, int shift = 0) => MoveWide(0x1280_0000u, w, rd, imm16, shift);

    /// <summary><c>movk rd, #imm16, lsl #shift</c>: replaces one 16-bit chunk, keeping the rest.</summary>
    public void Movk(RegWidth w, XReg rd, ushort imm16, int shift = 0) => MoveWide(0x7280_0000u, w, rd, imm16, shift);

    private void MoveWide(uint opcode, RegWidth w, XReg rd, ushort imm16, int shift)
    {
        if ((shift & 15) != 0 || shift < 0 || shift >= Bits(w))
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "must be 0, 16 (32 or 48 for x registers)");
        Emit(opcode | Sf(w) | (uint)(shift >> 4) << 21 | (uint)imm16 << 5 | Rz(rd));
    }

    /// <summary>
    /// Loads an arbitrary constant with the shortest sequence (1 to 4 instructions, see
    /// <see cref="MoveWideImmediate.Plan"/>); returns the number of instructions written. rd must be a general register.
    /// </summary>
    public int MovImm(RegWidth w, XReg rd, ulong value)
    {
        Rn(rd);
        if (w == RegWidth.W)
            value &= uint.MaxValue;
        int count = MoveWideImmediate.Plan(w, value, out MoveWideImmediate.Strategy strategy);
        if (strategy == MoveWideImmediate.Strategy.Orr)
        {
            LogicImm(LogicOp.Orr, w, rd, XReg.Zr, value);
            return 1;
        }
        // movz starts from zero and skips zero chunks; movn starts from all ones and skips 0xFFFF chunks
        bool inverted = strategy == MoveWideImmediate.Strategy.Movn;
        ushort skip = inverted ? (ushort)0xFFFF : (ushort)0;
        int bits = Bits(w);
        int start = 0;
        while (start < bits && (ushort)(value >> start) == skip)
            start += 16;
        if (start == bits)
            start = 0;
        ushort head = (ushort)(value >> start);
        MoveWide(inverted ? 0x1280_0000u : 0x5280_0000u, w, rd, inverted ? (ushort)~head : head, start);
        for (int shift = start + 16; shift < bits; shift += 16)
        {
            ushort chunk = (ushort)(value >> shift);
            if (chunk != skip)
                Movk(w, rd, chunk, shift);
        }
        return count;
    }

    // ---- shifts, bitfields -----------------------------------------------------------------------------------

    /// <summary>
    /// <c>lslv/lsrv/asrv/rorv rd, rn, rm</c>: the amount is rm modulo the register width, which is exactly Wasm's
    /// shift and rotate semantics (no masking needed).
    /// </summary>
    public void ShiftVar(Shift shift, RegWidth w, XReg rd, XReg rn, XReg rm) =>
        DataProcessing2(0x2000u + ((uint)shift << 10), w, rd, rn, rm);

    /// <summary><c>lsl/lsr/asr/ror rd, rn, #amount</c>, as their bitfield (ubfm/sbfm) or extr encodings.</summary>
    public void ShiftImm(Shift shift, RegWidth w, XReg rd, XReg rn, int amount)
    {
        int bits = Bits(w);
        CheckRange(amount, 0, bits - 1, nameof(amount));
        switch (shift)
        {
            case Shift.Lsl:
                Bitfield(BitfieldOp.Ubfm, w, rd, rn, (bits - amount) % bits, bits - 1 - amount);
                break;
            case Shift.Lsr:
                Bitfield(BitfieldOp.Ubfm, w, rd, rn, amount, bits - 1);
                break;
            case Shift.Asr:
                Bitfield(BitfieldOp.Sbfm, w, rd, rn, amount, bits - 1);
                break;
            default:
                Extr(w, rd, rn, rn, amount);
                break;
        }
    }

    /// <summary><c>sbfm/bfm/ubfm rd, rn, #immr, #imms</c>: the general form behind the shift and extend aliases.</summary>
    public void Bitfield(BitfieldOp op, RegWidth w, XReg rd, XReg rn, int immr, int imms)
    {
        CheckRange(immr, 0, Bits(w) - 1, nameof(immr));
        CheckRange(imms, 0, Bits(w) - 1, nameof(imms));
        Emit(0x1300_0000u | Sf(w) | (uint)op | (uint)w << 22 | (uint)immr << 16 | (uint)imms << 10 | Rz(rn) << 5 | Rz(rd));
    }

    /// <summary><c>ubfx rd, rn, #lsb, #width</c>: extracts a field, zero-extended.</summary>
    public void Ubfx(RegWidth w, XReg rd, XReg rn, int lsb, int width) =>
        Bitfield(BitfieldOp.Ubfm, w, rd, rn, lsb, FieldEnd(w, lsb, width));

    /// <summary><c>sbfx rd, rn, #lsb, #width</c>: extracts a field, sign-extended.</summary>
    public void Sbfx(RegWidth w, XReg rd, XReg rn, int lsb, int width) =>
        Bitfield(BitfieldOp.Sbfm, w, rd, rn, lsb, FieldEnd(w, lsb, width));

    /// <summary><c>bfi rd, rn, #lsb, #width</c>: inserts the low bits of rn at lsb, keeping the rest of rd.</summary>
    public void Bfi(RegWidth w, XReg rd, XReg rn, int lsb, int width)
    {
        FieldEnd(w, lsb, width);
        Bitfield(BitfieldOp.Bfm, w, rd, rn, (Bits(w) - lsb) % Bits(w), width - 1);
    }

    /// <summary><c>bfxil rd, rn, #lsb, #width</c>: copies a field of rn to the bottom of rd, keeping the rest.</summary>
    public void Bfxil(RegWidth w, XReg rd, XReg rn, int lsb, int width) =>
        Bitfield(BitfieldOp.Bfm, w, rd, rn, lsb, FieldEnd(w, lsb, width));

    /// <summary>The last bit of a field, checked to lie in the register.</summary>
    private static int FieldEnd(RegWidth w, int lsb, int width)
    {
        CheckRange(lsb, 0, Bits(w) - 1, nameof(lsb));
        CheckRange(width, 1, Bits(w) - lsb, nameof(width));
        return lsb + width - 1;
    }

    /// <summary>
    /// Sign or zero extension of the low byte/half/word of rn (Wasm's extend8_s, extend16_s, extend_i32_s/u):
    /// sxtb/sxth/sxtw, uxtb/uxth (always 32-bit, which zeroes the top), uxtw/uxtx/sxtx as a plain mov.
    /// </summary>
    public void ExtendReg(Extend ext, RegWidth w, XReg rd, XReg rn)
    {
        switch (ext)
        {
            case Extend.Sxtb: Bitfield(BitfieldOp.Sbfm, w, rd, rn, 0, 7); break;
            case Extend.Sxth: Bitfield(BitfieldOp.Sbfm, w, rd, rn, 0, 15); break;
            case Extend.Sxtw when w == RegWidth.X: Bitfield(BitfieldOp.Sbfm, w, rd, rn, 0, 31); break;
            case Extend.Uxtb: Bitfield(BitfieldOp.Ubfm, RegWidth.W, rd, rn, 0, 7); break;
            case Extend.Uxth: Bitfield(BitfieldOp.Ubfm, RegWidth.W, rd, rn, 0, 15); break;
            case Extend.Uxtw: Logic(LogicOp.Orr, RegWidth.W, rd, XReg.Zr, rn); break;
            default: Logic(LogicOp.Orr, w, rd, XReg.Zr, rn); break;
        }
    }

    /// <summary><c>extr rd, rn, rm, #lsb</c>: bits lsb.. of the concatenation rn:rm (ror when rn = rm).</summary>
    public void Extr(RegWidth w, XReg rd, XReg rn, XReg rm, int lsb)
    {
        CheckRange(lsb, 0, Bits(w) - 1, nameof(lsb));
        Emit(0x1380_0000u | Sf(w) | (uint)w << 22 | Rz(rm) << 16 | (uint)lsb << 10 | Rz(rn) << 5 | Rz(rd));
    }

    // ---- multiply, divide, bit counting ----------------------------------------------------------------------

    /// <summary><c>madd rd, rn, rm, ra</c>: rd = ra + rn * rm.</summary>
    public void Madd(RegWidth w, XReg rd, XReg rn, XReg rm, XReg ra) => DataProcessing3(0x1B00_0000u | Sf(w), rd, rn, rm, ra);

    /// <summary><c>msub rd, rn, rm, ra</c>: rd = ra - rn * rm (the remainder after a division).</summary>
    public void Msub(RegWidth w, XReg rd, XReg rn, XReg rm, XReg ra) => DataProcessing3(0x1B00_8000u | Sf(w), rd, rn, rm, ra);

    /// <summary><c>mul rd, rn, rm</c> = madd rd, rn, rm, zr.</summary>
    public void Mul(RegWidth w, XReg rd, XReg rn, XReg rm) => Madd(w, rd, rn, rm, XReg.Zr);

    /// <summary><c>smull xd, wn, wm</c>: the full 64-bit signed product of two 32-bit values.</summary>
    public void Smull(XReg rd, XReg rn, XReg rm) => DataProcessing3(0x9B20_0000u, rd, rn, rm, XReg.Zr);

    /// <summary><c>umull xd, wn, wm</c>: the full 64-bit unsigned product of two 32-bit values.</summary>
    public void Umull(XReg rd, XReg rn, XReg rm) => DataProcessing3(0x9BA0_0000u, rd, rn, rm, XReg.Zr);

    /// <summary><c>smulh xd, xn, xm</c>: the high 64 bits of the signed 128-bit product.</summary>
    public void Smulh(XReg rd, XReg rn, XReg rm) => DataProcessing3(0x9B40_0000u, rd, rn, rm, XReg.Zr);

    /// <summary><c>umulh xd, xn, xm</c>: the high 64 bits of the unsigned 128-bit product.</summary>
    public void Umulh(XReg rd, XReg rn, XReg rm) => DataProcessing3(0x9BC0_0000u, rd, rn, rm, XReg.Zr);

    private void DataProcessing3(uint opcode, XReg rd, XReg rn, XReg rm, XReg ra) =>
        Emit(opcode | Rz(rm) << 16 | Rz(ra) << 10 | Rz(rn) << 5 | Rz(rd));

    /// <summary>
    /// <c>sdiv rd, rn, rm</c>. Never faults: x/0 gives 0 and INT_MIN/-1 gives INT_MIN, so Wasm's traps for both
    /// must be explicit compares before it.
    /// </summary>
    public void Sdiv(RegWidth w, XReg rd, XReg rn, XReg rm) => DataProcessing2(0xC00u, w, rd, rn, rm);

    /// <summary><c>udiv rd, rn, rm</c>. x/0 gives 0 without faulting: the Wasm trap must be an explicit check.</summary>
    public void Udiv(RegWidth w, XReg rd, XReg rn, XReg rm) => DataProcessing2(0x800u, w, rd, rn, rm);

    private void DataProcessing2(uint opcode, RegWidth w, XReg rd, XReg rn, XReg rm) =>
        Emit(0x1AC0_0000u | Sf(w) | Rz(rm) << 16 | opcode | Rz(rn) << 5 | Rz(rd));

    /// <summary><c>clz rd, rn</c>: leading zeros, the register width for 0 (Wasm's clz exactly).</summary>
    public void Clz(RegWidth w, XReg rd, XReg rn) => DataProcessing1(0x1000u, w, rd, rn);

    /// <summary><c>cls rd, rn</c>: leading bits equal to the sign bit, not counting it.</summary>
    public void Cls(RegWidth w, XReg rd, XReg rn) => DataProcessing1(0x1400u, w, rd, rn);

    /// <summary><c>rbit rd, rn</c>: bit reversal; ctz is clz of the reversed value.</summary>
    public void Rbit(RegWidth w, XReg rd, XReg rn) => DataProcessing1(0x0000u, w, rd, rn);

    /// <summary><c>rev rd, rn</c>: byte reversal of the whole register.</summary>
    public void Rev(RegWidth w, XReg rd, XReg rn) => DataProcessing1(w == RegWidth.X ? 0xC00u : 0x800u, w, rd, rn);

    /// <summary><c>rev16 rd, rn</c>: byte reversal within each 16-bit half-word.</summary>
    public void Rev16(RegWidth w, XReg rd, XReg rn) => DataProcessing1(0x400u, w, rd, rn);

    /// <summary><c>rev32 xd, xn</c>: byte reversal within each 32-bit word.</summary>
    public void Rev32(XReg rd, XReg rn) => DataProcessing1(0x800u, RegWidth.X, rd, rn);

    private void DataProcessing1(uint opcode, RegWidth w, XReg rd, XReg rn) =>
        Emit(0x5AC0_0000u | Sf(w) | opcode | Rz(rn) << 5 | Rz(rd));

    // ---- conditional select and compare ----------------------------------------------------------------------

    /// <summary><c>csel/csinc/csinv/csneg rd, rn, rm, cond</c>.</summary>
    public void CondSelect(CondSelectOp op, RegWidth w, XReg rd, XReg rn, XReg rm, Cond cond) =>
        Emit(0x1A80_0000u | Sf(w) | (uint)op | Rz(rm) << 16 | (uint)cond << 12 | Rz(rn) << 5 | Rz(rd));

    public void Csel(RegWidth w, XReg rd, XReg rn, XReg rm, Cond cond) => CondSelect(CondSelectOp.Csel, w, rd, rn, rm, cond);

    /// <summary><c>cset rd, cond</c>: 1 if cond holds, else 0 (csinc rd, zr, zr, !cond).</summary>
    public void Cset(RegWidth w, XReg rd, Cond cond) => CondSelect(CondSelectOp.Csinc, w, rd, XReg.Zr, XReg.Zr, InvertibleCond(cond).Invert());

    /// <summary><c>csetm rd, cond</c>: all ones if cond holds, else 0 (csinv rd, zr, zr, !cond).</summary>
    public void Csetm(RegWidth w, XReg rd, Cond cond) => CondSelect(CondSelectOp.Csinv, w, rd, XReg.Zr, XReg.Zr, InvertibleCond(cond).Invert());

    /// <summary><c>cinc rd, rn, cond</c>: rn + 1 if cond holds, else rn.</summary>
    public void Cinc(RegWidth w, XReg rd, XReg rn, Cond cond) => CondSelect(CondSelectOp.Csinc, w, rd, rn, rn, InvertibleCond(cond).Invert());

    /// <summary><c>cneg rd, rn, cond</c>: -rn if cond holds, else rn.</summary>
    public void Cneg(RegWidth w, XReg rd, XReg rn, Cond cond) => CondSelect(CondSelectOp.Csneg, w, rd, rn, rn, InvertibleCond(cond).Invert());

    /// <summary>The aliases encode the inverted condition, which al/nv do not have.</summary>
    private static Cond InvertibleCond(Cond cond) =>
        cond >= Cond.Al ? throw new ArgumentOutOfRangeException(nameof(cond), cond, "al/nv cannot be inverted") : cond;

    /// <summary><c>ccmp rn, rm, #nzcv, cond</c>: if cond holds compare, else set the flags to nzcv (chained compares).</summary>
    public void Ccmp(RegWidth w, XReg rn, XReg rm, int nzcv, Cond cond) => CondCompare(0x7A40_0000u, w, rn, Rz(rm), nzcv, cond);

    /// <summary><c>ccmp rn, #imm5, #nzcv, cond</c>.</summary>
    public void CcmpImm(RegWidth w, XReg rn, int imm5, int nzcv, Cond cond) => CondCompare(0x7A40_0800u, w, rn, Imm5(imm5), nzcv, cond);

    /// <summary><c>ccmn rn, rm, #nzcv, cond</c>.</summary>
    public void Ccmn(RegWidth w, XReg rn, XReg rm, int nzcv, Cond cond) => CondCompare(0x3A40_0000u, w, rn, Rz(rm), nzcv, cond);

    /// <summary><c>ccmn rn, #imm5, #nzcv, cond</c>: compares with -imm5.</summary>
    public void CcmnImm(RegWidth w, XReg rn, int imm5, int nzcv, Cond cond) => CondCompare(0x3A40_0800u, w, rn, Imm5(imm5), nzcv, cond);

    private static uint Imm5(int imm5)
    {
        CheckRange(imm5, 0, 31, nameof(imm5));
        return (uint)imm5;
    }

    private void CondCompare(uint opcode, RegWidth w, XReg rn, uint rmOrImm5, int nzcv, Cond cond)
    {
        CheckRange(nzcv, 0, 15, nameof(nzcv));
        Emit(opcode | Sf(w) | rmOrImm5 << 16 | (uint)cond << 12 | Rz(rn) << 5 | (uint)nzcv);
    }
}
