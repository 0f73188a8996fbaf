namespace WasmSharp.Singlepass.X64;

/// <summary>Integer instructions.</summary>
internal sealed partial class X64Assembler
{
    // ---- mov -------------------------------------------------------------------------------

    public void Mov(OperandSize size, Gpr dst, Gpr src) =>
        OpRR(size, size == OperandSize.S8 ? 0x88 : 0x89, (int)src, (int)dst, BothIfByte(size));

    public void Mov(OperandSize size, Gpr dst, Mem src) =>
        OpRM(size, size == OperandSize.S8 ? 0x8A : 0x8B, (int)dst, src, RegIfByte(size));

    /// <summary>Store; with <see cref="OperandSize.S8"/>/<see cref="OperandSize.S16"/> this is the narrow store.</summary>
    public void Mov(OperandSize size, Mem dst, Gpr src) =>
        OpRM(size, size == OperandSize.S8 ? 0x88 : 0x89, (int)src, dst, RegIfByte(size));

    /// <summary>Store of an immediate (sign-extended imm32 for 64-bit).</summary>
    public void Mov(OperandSize size, Mem dst, int imm)
    {
        imm = CheckedImm(size, imm);
        OpRM(size, size == OperandSize.S8 ? 0xC6 : 0xC7, 0, dst, immSize: ImmSize(size));
        EmitImm(size, imm);
    }

    /// <summary>
    /// Loads a constant with the shortest correct form. For 64-bit: a value that fits in
    /// uint32 uses <c>mov r32, imm32</c> (writes zero-extend), one that fits int32 uses the
    /// sign-extending <c>mov r/m64, imm32</c>, anything else <c>mov r64, imm64</c>.
    /// For 32 bits and below, the value is truncated to the size if it fits either signed or unsigned.
    /// </summary>
    public void Mov(OperandSize size, Gpr dst, long imm)
    {
        MovImm(size, dst, imm);
    }

    /// <summary>Same as the <c>long</c> overload; exists so that a literal 0 is not ambiguous with <see cref="Gpr"/>.</summary>
    public void Mov(OperandSize size, Gpr dst, int imm) => MovImm(size, dst, imm);

    private void MovImm(OperandSize size, Gpr dst, long imm)
    {
        switch (size)
        {
            case OperandSize.S8:
                CheckImm(imm, sbyte.MinValue, byte.MaxValue);
                OpPlusReg(size, 0xB0, dst, byteReg: true);
                _buf.Emit8((byte)imm);
                return;
            case OperandSize.S16:
                CheckImm(imm, short.MinValue, ushort.MaxValue);
                OpPlusReg(size, 0xB8, dst);
                _buf.Emit16((ushort)imm);
                return;
            case OperandSize.S32:
                CheckImm(imm, int.MinValue, uint.MaxValue);
                MovImm32(dst, (uint)imm);
                return;
        }
        if ((ulong)imm <= uint.MaxValue)
        {
            MovImm32(dst, (uint)imm);
        }
        else if ((int)imm == imm)
        {
            OpRR(OperandSize.S64, 0xC7, 0, (int)dst);
            _buf.Emit32((uint)imm);
        }
        else
        {
            OpPlusReg(OperandSize.S64, 0xB8, dst);
            _buf.Emit64((ulong)imm);
        }
    }

    private static void CheckImm(long imm, long min, long max)
    {
        if (imm < min || imm > max)
            throw new ArgumentOutOfRangeException(nameof(imm), imm, "immediate does not fit the operand size");
    }

    // ---- movzx / movsx / movsxd ------------------------------------------------------------

    /// <summary>Zero-extends an 8- or 16-bit source into a 16/32/64-bit destination.</summary>
    public void Movzx(OperandSize dstSize, Gpr dst, OperandSize srcSize, Gpr src) =>
        OpRR(dstSize, ExtendOpcode(0x0FB6, srcSize), (int)dst, (int)src, RmIfByte(srcSize));

    public void Movzx(OperandSize dstSize, Gpr dst, OperandSize srcSize, Mem src) =>
        OpRM(dstSize, ExtendOpcode(0x0FB6, srcSize), (int)dst, src);

    /// <summary>Sign-extends an 8- or 16-bit source into a 16/32/64-bit destination.</summary>
    public void Movsx(OperandSize dstSize, Gpr dst, OperandSize srcSize, Gpr src) =>
        OpRR(dstSize, ExtendOpcode(0x0FBE, srcSize), (int)dst, (int)src, RmIfByte(srcSize));

    public void Movsx(OperandSize dstSize, Gpr dst, OperandSize srcSize, Mem src) =>
        OpRM(dstSize, ExtendOpcode(0x0FBE, srcSize), (int)dst, src);

    /// <summary>Sign-extends a 32-bit source into a 64-bit destination.</summary>
    public void Movsxd(Gpr dst, Gpr src) => OpRR(OperandSize.S64, 0x63, (int)dst, (int)src);

    public void Movsxd(Gpr dst, Mem src) => OpRM(OperandSize.S64, 0x63, (int)dst, src);

    /// <summary>0F B6/BE take a byte source, 0F B7/BF a word source.</summary>
    private static int ExtendOpcode(int byteForm, OperandSize srcSize) => srcSize switch
    {
        OperandSize.S8 => byteForm,
        OperandSize.S16 => byteForm + 1,
        _ => throw new ArgumentOutOfRangeException(nameof(srcSize), srcSize, "movzx/movsx extend from 8 or 16 bits"),
    };

    // ---- lea -------------------------------------------------------------------------------

    public void Lea(OperandSize size, Gpr dst, Mem src) => OpRM(size, 0x8D, (int)dst, src);

    // ---- two-operand ALU: add or adc sbb and sub xor cmp -----------------------------------

    public void Add(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Add, size, dst, src);
    public void Add(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Add, size, dst, imm);
    public void Add(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Add, size, dst, src);
    public void Add(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Add, size, dst, src);
    public void Add(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Add, size, dst, imm);

    public void Or(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Or, size, dst, src);
    public void Or(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Or, size, dst, imm);
    public void Or(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Or, size, dst, src);
    public void Or(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Or, size, dst, src);
    public void Or(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Or, size, dst, imm);

    public void Adc(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Adc, size, dst, src);
    public void Adc(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Adc, size, dst, imm);
    public void Adc(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Adc, size, dst, src);
    public void Adc(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Adc, size, dst, src);
    public void Adc(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Adc, size, dst, imm);

    public void Sbb(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Sbb, size, dst, src);
    public void Sbb(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Sbb, size, dst, imm);
    public void Sbb(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Sbb, size, dst, src);
    public void Sbb(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Sbb, size, dst, src);
    public void Sbb(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Sbb, size, dst, imm);

    public void And(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.And, size, dst, src);
    public void And(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.And, size, dst, imm);
    public void And(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.And, size, dst, src);
    public void And(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.And, size, dst, src);
    public void And(OperandSize size, Mem dst, int imm) => AluMI(AluOp.And, size, dst, imm);

    public void Sub(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Sub, size, dst, src);
    public void Sub(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Sub, size, dst, imm);
    public void Sub(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Sub, size, dst, src);
    public void Sub(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Sub, size, dst, src);
    public void Sub(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Sub, size, dst, imm);

    public void Xor(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Xor, size, dst, src);
    public void Xor(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Xor, size, dst, imm);
    public void Xor(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Xor, size, dst, src);
    public void Xor(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Xor, size, dst, src);
    public void Xor(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Xor, size, dst, imm);

    public void Cmp(OperandSize size, Gpr dst, Gpr src) => AluRR(AluOp.Cmp, size, dst, src);
    public void Cmp(OperandSize size, Gpr dst, int imm) => AluRI(AluOp.Cmp, size, dst, imm);
    public void Cmp(OperandSize size, Gpr dst, Mem src) => AluRM(AluOp.Cmp, size, dst, src);
    public void Cmp(OperandSize size, Mem dst, Gpr src) => AluMR(AluOp.Cmp, size, dst, src);
    public void Cmp(OperandSize size, Mem dst, int imm) => AluMI(AluOp.Cmp, size, dst, imm);

    // "op r/m, r" is opcode 8*op + 0/1, "op r, r/m" is 8*op + 2/3, "op eax, imm" is 8*op + 5.

    private void AluRR(AluOp op, OperandSize size, Gpr dst, Gpr src) =>
        OpRR(size, (int)op << 3 | (size == OperandSize.S8 ? 0 : 1), (int)src, (int)dst, BothIfByte(size));

    private void AluRM(AluOp op, OperandSize size, Gpr dst, Mem src) =>
        OpRM(size, (int)op << 3 | (size == OperandSize.S8 ? 2 : 3), (int)dst, src, RegIfByte(size));

    private void AluMR(AluOp op, OperandSize size, Mem dst, Gpr src) =>
        OpRM(size, (int)op << 3 | (size == OperandSize.S8 ? 0 : 1), (int)src, dst, RegIfByte(size));

    private void AluRI(AluOp op, OperandSize size, Gpr dst, int imm)
    {
        imm = CheckedImm(size, imm);
        if (size == OperandSize.S8)
        {
            OpRR(size, 0x80, (int)op, (int)dst, ByteRegs.Rm);
            EmitImm(size, imm);
        }
        else if (IsInt8(imm))
        {
            OpRRImm8(size, 0x83, (int)op, (int)dst, imm);
        }
        else if (dst == Gpr.Rax)
        {
            // The accumulator form saves the ModRM byte.
            OpAccumulator(size, (int)op << 3 | 5);
            EmitImm(size, imm);
        }
        else
        {
            OpRR(size, 0x81, (int)op, (int)dst);
            EmitImm(size, imm);
        }
    }

    private void AluMI(AluOp op, OperandSize size, Mem dst, int imm)
    {
        imm = CheckedImm(size, imm);
        if (size == OperandSize.S8)
        {
            OpRM(size, 0x80, (int)op, dst, immSize: 1);
            EmitImm(size, imm);
        }
        else if (IsInt8(imm))
        {
            OpRM(size, 0x83, (int)op, dst, immSize: 1);
            _buf.Emit8((byte)imm);
        }
        else
        {
            OpRM(size, 0x81, (int)op, dst, immSize: ImmSize(size));
            EmitImm(size, imm);
        }
    }

    // ---- test ------------------------------------------------------------------------------

    public void Test(OperandSize size, Gpr dst, Gpr src) =>
        OpRR(size, size == OperandSize.S8 ? 0x84 : 0x85, (int)src, (int)dst, BothIfByte(size));

    public void Test(OperandSize size, Mem dst, Gpr src) =>
        OpRM(size, size == OperandSize.S8 ? 0x84 : 0x85, (int)src, dst, RegIfByte(size));

    /// <summary>test has no imm8 form; the accumulator form saves the ModRM byte.</summary>
    public void Test(OperandSize size, Gpr dst, int imm)
    {
        imm = CheckedImm(size, imm);
        if (dst == Gpr.Rax)
        {
            OpAccumulator(size, size == OperandSize.S8 ? 0xA8 : 0xA9);
        }
        else
        {
            OpRR(size, size == OperandSize.S8 ? 0xF6 : 0xF7, 0, (int)dst, RmIfByte(size));
        }
        EmitImm(size, imm);
    }

    public void Test(OperandSize size, Mem dst, int imm)
    {
        imm = CheckedImm(size, imm);
        OpRM(size, size == OperandSize.S8 ? 0xF6 : 0xF7, 0, dst, immSize: ImmSize(size));
        EmitImm(size, imm);
    }

    // ---- multiply / divide / unary ---------------------------------------------------------

    /// <summary>Two-operand signed multiply (truncating): dst = dst * src. No 8-bit form.</summary>
    public void Imul(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FAF, (int)dst, (int)src);

    public void Imul(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FAF, (int)dst, src);

    /// <summary>dst = src * imm, with the imm8 form when it fits.</summary>
    public void Imul(OperandSize size, Gpr dst, Gpr src, int imm)
    {
        CheckNot8(size);
        imm = CheckedImm(size, imm);
        if (IsInt8(imm))
        {
            OpRRImm8(size, 0x6B, (int)dst, (int)src, imm);
        }
        else
        {
            OpRR(size, 0x69, (int)dst, (int)src);
            EmitImm(size, imm);
        }
    }

    /// <summary>dst = [src] * imm, with the imm8 form when it fits.</summary>
    public void Imul(OperandSize size, Gpr dst, Mem src, int imm)
    {
        CheckNot8(size);
        imm = CheckedImm(size, imm);
        if (IsInt8(imm))
        {
            OpRM(size, 0x6B, (int)dst, src, immSize: 1);
            _buf.Emit8((byte)imm);
        }
        else
        {
            OpRM(size, 0x69, (int)dst, src, immSize: ImmSize(size));
            EmitImm(size, imm);
        }
    }

    /// <summary>Unsigned rdx:rax = rax * src.</summary>
    public void Mul(OperandSize size, Gpr src) => Unary(size, 4, src);
    public void Mul(OperandSize size, Mem src) => Unary(size, 4, src);

    /// <summary>Unsigned divide of rdx:rax by src: quotient in rax, remainder in rdx.</summary>
    public void Div(OperandSize size, Gpr src) => Unary(size, 6, src);
    public void Div(OperandSize size, Mem src) => Unary(size, 6, src);

    /// <summary>Signed divide of rdx:rax by src: quotient in rax, remainder in rdx.</summary>
    public void Idiv(OperandSize size, Gpr src) => Unary(size, 7, src);
    public void Idiv(OperandSize size, Mem src) => Unary(size, 7, src);

    public void Neg(OperandSize size, Gpr dst) => Unary(size, 3, dst);
    public void Neg(OperandSize size, Mem dst) => Unary(size, 3, dst);

    public void Not(OperandSize size, Gpr dst) => Unary(size, 2, dst);
    public void Not(OperandSize size, Mem dst) => Unary(size, 2, dst);

    private void Unary(OperandSize size, int digit, Gpr rm) =>
        OpRR(size, size == OperandSize.S8 ? 0xF6 : 0xF7, digit, (int)rm, RmIfByte(size));

    private void Unary(OperandSize size, int digit, Mem rm) =>
        OpRM(size, size == OperandSize.S8 ? 0xF6 : 0xF7, digit, rm);

    /// <summary>Sign-extends eax into edx:eax (before a 32-bit idiv).</summary>
    public void Cdq() => _buf.Emit8(0x99);

    /// <summary>Sign-extends rax into rdx:rax (before a 64-bit idiv).</summary>
    public void Cqo()
    {
        _buf.Emit8(0x48);
        _buf.Emit8(0x99);
    }

    private static OperandSize CheckNot8(OperandSize size) =>
        size == OperandSize.S8 ? throw new ArgumentOutOfRangeException(nameof(size), "no 8-bit form") : size;

    // ---- shifts and rotates ----------------------------------------------------------------

    public void Shl(OperandSize size, Gpr dst, byte imm) => ShiftImm(ShiftOp.Shl, size, dst, imm);
    public void Shr(OperandSize size, Gpr dst, byte imm) => ShiftImm(ShiftOp.Shr, size, dst, imm);
    public void Sar(OperandSize size, Gpr dst, byte imm) => ShiftImm(ShiftOp.Sar, size, dst, imm);
    public void Rol(OperandSize size, Gpr dst, byte imm) => ShiftImm(ShiftOp.Rol, size, dst, imm);
    public void Ror(OperandSize size, Gpr dst, byte imm) => ShiftImm(ShiftOp.Ror, size, dst, imm);

    /// <summary>Shift by cl (the count is masked by the CPU to 5 or 6 bits, as Wasm wants).</summary>
    public void ShlCl(OperandSize size, Gpr dst) => ShiftCl(ShiftOp.Shl, size, dst);
    public void ShrCl(OperandSize size, Gpr dst) => ShiftCl(ShiftOp.Shr, size, dst);
    public void SarCl(OperandSize size, Gpr dst) => ShiftCl(ShiftOp.Sar, size, dst);
    public void RolCl(OperandSize size, Gpr dst) => ShiftCl(ShiftOp.Rol, size, dst);
    public void RorCl(OperandSize size, Gpr dst) => ShiftCl(ShiftOp.Ror, size, dst);

    public void Shl(OperandSize size, Mem dst, byte imm) => ShiftImm(ShiftOp.Shl, size, dst, imm);
    public void Shr(OperandSize size, Mem dst, byte imm) => ShiftImm(ShiftOp.Shr, size, dst, imm);
    public void Sar(OperandSize size, Mem dst, byte imm) => ShiftImm(ShiftOp.Sar, size, dst, imm);
    public void Rol(OperandSize size, Mem dst, byte imm) => ShiftImm(ShiftOp.Rol, size, dst, imm);
    public void Ror(OperandSize size, Mem dst, byte imm) => ShiftImm(ShiftOp.Ror, size, dst, imm);

    public void ShlCl(OperandSize size, Mem dst) => ShiftCl(ShiftOp.Shl, size, dst);
    public void ShrCl(OperandSize size, Mem dst) => ShiftCl(ShiftOp.Shr, size, dst);
    public void SarCl(OperandSize size, Mem dst) => ShiftCl(ShiftOp.Sar, size, dst);
    public void RolCl(OperandSize size, Mem dst) => ShiftCl(ShiftOp.Rol, size, dst);
    public void RorCl(OperandSize size, Mem dst) => ShiftCl(ShiftOp.Ror, size, dst);

    private void ShiftCl(ShiftOp op, OperandSize size, Mem dst) =>
        OpRM(size, size == OperandSize.S8 ? 0xD2 : 0xD3, (int)op, dst);

    private void ShiftImm(ShiftOp op, OperandSize size, Mem dst, byte imm)
    {
        bool byteOp = size == OperandSize.S8;
        if (imm == 1)
        {
            OpRM(size, byteOp ? 0xD0 : 0xD1, (int)op, dst);
            return;
        }
        OpRM(size, byteOp ? 0xC0 : 0xC1, (int)op, dst, immSize: 1);
        _buf.Emit8(imm);
    }

    private void ShiftCl(ShiftOp op, OperandSize size, Gpr dst) =>
        OpRR(size, size == OperandSize.S8 ? 0xD2 : 0xD3, (int)op, (int)dst, RmIfByte(size));

    private void ShiftImm(ShiftOp op, OperandSize size, Gpr dst, byte imm)
    {
        bool byteOp = size == OperandSize.S8;
        if (imm == 1)
        {
            OpRR(size, byteOp ? 0xD0 : 0xD1, (int)op, (int)dst, RmIfByte(size));
            return;
        }
        OpRRImm8(size, byteOp ? 0xC0 : 0xC1, (int)op, (int)dst, imm, RmIfByte(size));
    }

    // ---- conditional set / move ------------------------------------------------------------

    /// <summary>Sets the low byte of <paramref name="dst"/> to 1 if <paramref name="cond"/> holds, else 0.</summary>
    public void Setcc(Cond cond, Gpr dst) => OpRR(OperandSize.S32, 0x0F90 | (int)cond, 0, (int)dst, ByteRegs.Rm);

    public void Setcc(Cond cond, Mem dst) => OpRM(OperandSize.S32, 0x0F90 | (int)cond, 0, dst);

    public void Cmov(Cond cond, OperandSize size, Gpr dst, Gpr src) =>
        OpRR(CheckNot8(size), 0x0F40 | (int)cond, (int)dst, (int)src);

    public void Cmov(Cond cond, OperandSize size, Gpr dst, Mem src) =>
        OpRM(CheckNot8(size), 0x0F40 | (int)cond, (int)dst, src);

    // ---- exchange / byte swap --------------------------------------------------------------

    /// <summary>Always the ModRM form: the short 90+r form with eax is nop for 32 bits and would not zero-extend.</summary>
    public void Xchg(OperandSize size, Gpr a, Gpr b) =>
        OpRR(size, size == OperandSize.S8 ? 0x86 : 0x87, (int)b, (int)a, BothIfByte(size));

    /// <summary>Exchange with memory (implicitly locked).</summary>
    public void Xchg(OperandSize size, Mem a, Gpr b) =>
        OpRM(size, size == OperandSize.S8 ? 0x86 : 0x87, (int)b, a, RegIfByte(size));

    public void Bswap(OperandSize size, Gpr reg)
    {
        if (size is not (OperandSize.S32 or OperandSize.S64))
            throw new ArgumentOutOfRangeException(nameof(size), size, "bswap is 32 or 64-bit");
        OpPlusReg(size, 0x0FC8, reg);
    }

    // ---- bit counting ----------------------------------------------------------------------

    /// <summary>Leading zero count (LZCNT/ABM); defined for zero input, unlike bsr.</summary>
    public void Lzcnt(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FBD, (int)dst, (int)src, mandatoryPrefix: 0xF3);
    public void Lzcnt(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FBD, (int)dst, src, mandatoryPrefix: 0xF3);

    /// <summary>Trailing zero count (BMI1); defined for zero input, unlike bsf.</summary>
    public void Tzcnt(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FBC, (int)dst, (int)src, mandatoryPrefix: 0xF3);
    public void Tzcnt(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FBC, (int)dst, src, mandatoryPrefix: 0xF3);

    public void Popcnt(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FB8, (int)dst, (int)src, mandatoryPrefix: 0xF3);
    public void Popcnt(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FB8, (int)dst, src, mandatoryPrefix: 0xF3);

    /// <summary>Bit scan reverse: index of the highest set bit; dst undefined and ZF set for zero input.</summary>
    public void Bsr(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FBD, (int)dst, (int)src);
    public void Bsr(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FBD, (int)dst, src);

    /// <summary>Bit scan forward: index of the lowest set bit; dst undefined and ZF set for zero input.</summary>
    public void Bsf(OperandSize size, Gpr dst, Gpr src) => OpRR(CheckNot8(size), 0x0FBC, (int)dst, (int)src);
    public void Bsf(OperandSize size, Gpr dst, Mem src) => OpRM(CheckNot8(size), 0x0FBC, (int)dst, src);

    // ---- stack -----------------------------------------------------------------------------

    /// <summary>Pushes the 64-bit register (no REX.W needed: the default size in 64-bit mode).</summary>
    public void Push(Gpr reg) => OpPlusReg(OperandSize.S32, 0x50, reg);

    public void Pop(Gpr reg) => OpPlusReg(OperandSize.S32, 0x58, reg);

    public void Push(Mem src) => OpRM(OperandSize.S32, 0xFF, 6, src);

    public void Pop(Mem dst) => OpRM(OperandSize.S32, 0x8F, 0, dst);

    /// <summary>Pushes a sign-extended immediate as a 64-bit value.</summary>
    public void Push(int imm)
    {
        if (IsInt8(imm))
        {
            _buf.Emit8(0x6A);
            _buf.Emit8((byte)imm);
        }
        else
        {
            _buf.Emit8(0x68);
            _buf.Emit32((uint)imm);
        }
    }
}
