using System.Runtime.CompilerServices;

namespace WasmSharp.Singlepass.X64;

/// <summary>
/// Encodes x86-64 instructions into a <see cref="CodeBuffer"/>. Each public method writes one
/// instruction (or a fixed short sequence) with straight-line byte writes and no allocation.
/// Operand order is Intel's: destination first.
/// </summary>
/// <remarks>
/// The instruction groups live in partial files: integer, control flow, SSE/AVX. This file has
/// the shared encoding core: legacy prefixes, REX, ModRM/SIB/displacement.
/// </remarks>
internal sealed partial class X64Assembler
{
    /// <summary>The architectural limit on one instruction's length.</summary>
    public const int MaxInstructionLength = 15;

    private readonly CodeBuffer _buf;
    private readonly LabelTable _labels;

    public X64Assembler() : this(new CodeBuffer(), new LabelTable(X64Fixups.Instance))
    {
    }

    public X64Assembler(CodeBuffer buffer, LabelTable labels)
    {
        _buf = buffer;
        _labels = labels;
    }

    public CodeBuffer Buffer => _buf;

    public LabelTable Labels => _labels;

    /// <summary>Offset of the next instruction.</summary>
    public int Position => _buf.Position;

    /// <summary>Starts a new function: empties the buffer and invalidates all labels, keeping storage.</summary>
    public void Reset()
    {
        _buf.Reset();
        _labels.Reset();
    }

    public Label CreateLabel() => _labels.Create();

    /// <summary>Binds <paramref name="label"/> here; forward references to it are patched now.</summary>
    public void Bind(Label label) => _labels.Bind(label, _buf);

    /// <summary>Emits raw bytes, for the rare sequence that has no method.</summary>
    public void EmitBytes(ReadOnlySpan<byte> bytes) => _buf.EmitBytes(bytes);

    // ---------------------------------------------------------------------------------------
    // Encoding core.
    //
    // Layout: [66] [F2/F3] [REX] [0F] opcode ModRM [SIB] [disp8/32] [imm].
    // Opcodes are passed as ints: 0x00..0xFF is one byte, 0x0Fxx is the two-byte map.
    // "reg" is the ModRM.reg field: a register number or an opcode extension (/digit).
    // ---------------------------------------------------------------------------------------

    /// <summary>Which operands of an instruction are 8-bit registers (they may force a REX prefix).</summary>
    [Flags]
    private enum ByteRegs : byte
    {
        None = 0,
        Reg = 1,
        Rm = 2,
        Both = Reg | Rm,
    }

    private const int RexW = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int W(OperandSize size) => size == OperandSize.S64 ? RexW : 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ByteRegs BothIfByte(OperandSize size) => size == OperandSize.S8 ? ByteRegs.Both : ByteRegs.None;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ByteRegs RegIfByte(OperandSize size) => size == OperandSize.S8 ? ByteRegs.Reg : ByteRegs.None;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ByteRegs RmIfByte(OperandSize size) => size == OperandSize.S8 ? ByteRegs.Rm : ByteRegs.None;

    /// <summary>Register numbers 4..7 as byte operands mean spl..dil only when some REX is present.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRexOnlyByteReg(int reg) => (uint)(reg - 4) < 4;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitLegacyPrefixes(OperandSize size, byte mandatoryPrefix)
    {
        if (size == OperandSize.S16)
            _buf.Emit8(0x66);
        if (mandatoryPrefix != 0)
            _buf.Emit8(mandatoryPrefix);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitRex(int wrxb, bool force)
    {
        if (wrxb != 0 || force)
            _buf.Emit8((byte)(0x40 | wrxb));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitOpcode(int opcode)
    {
        if (opcode > 0xFF)
            _buf.Emit8((byte)(opcode >> 8));
        _buf.Emit8((byte)opcode);
    }

    /// <summary>opcode with ModRM.mod = 11: both operands are registers.</summary>
    private void OpRR(OperandSize size, int opcode, int reg, int rm, ByteRegs byteRegs = ByteRegs.None, byte mandatoryPrefix = 0)
    {
        EmitLegacyPrefixes(size, mandatoryPrefix);
        bool force = ((byteRegs & ByteRegs.Reg) != 0 && IsRexOnlyByteReg(reg))
                     || ((byteRegs & ByteRegs.Rm) != 0 && IsRexOnlyByteReg(rm));
        EmitRex(W(size) | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1), force);
        EmitOpcode(opcode);
        EmitModRmReg(reg, rm);
    }

    /// <summary>opcode with a memory r/m operand; <paramref name="immSize"/> bytes of immediate will follow (RIP-relative needs to know).</summary>
    private void OpRM(OperandSize size, int opcode, int reg, Mem mem, ByteRegs byteRegs = ByteRegs.None, byte mandatoryPrefix = 0, int immSize = 0)
    {
        EmitLegacyPrefixes(size, mandatoryPrefix);
        bool force = (byteRegs & ByteRegs.Reg) != 0 && IsRexOnlyByteReg(reg);
        EmitRex(W(size) | ((reg >> 3) & 1) << 2 | mem.RexX << 1 | mem.RexB, force);
        EmitOpcode(opcode);
        EmitModRmMem(reg, mem, immSize);
    }

    /// <summary>Short forms that put the register in the opcode's low bits (push, bswap, mov r, imm).</summary>
    private void OpPlusReg(OperandSize size, int opcode, Gpr reg, bool byteReg = false)
    {
        EmitLegacyPrefixes(size, 0);
        EmitRex(W(size) | ((int)reg >> 3), byteReg && reg.NeedsRexAsByte());
        EmitOpcode(opcode + reg.Low3());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitModRmReg(int reg, int rm) =>
        _buf.Emit8((byte)(0xC0 | (reg & 7) << 3 | (rm & 7)));

    /// <summary>ModRM, SIB and displacement for a memory operand.</summary>
    private void EmitModRmMem(int reg, Mem mem, int immSize)
    {
        int regField = (reg & 7) << 3;
        if (mem.Kind != Mem.MemKind.BaseIndex)
        {
            // mod=00 rm=101 is [rip + disp32] in 64-bit mode.
            _buf.Emit8((byte)(0x05 | regField));
            if (mem.Kind == Mem.MemKind.Rip)
            {
                _buf.Emit32((uint)mem.Displacement);
                return;
            }
            int field = _buf.Position;
            _buf.Emit32(0);
            // RIP is the end of the instruction, after any immediate; folding the extra
            // displacement into the base keeps the fix-up a plain "target - base".
            int end = field + 4 + immSize;
            _labels.Reference(new Label(mem.LabelId), _buf, field, end - mem.Displacement, FixupKind.Rel32);
            return;
        }

        int index = mem.IndexReg == Mem.NoReg ? 4 : mem.IndexReg & 7; // 100 = no index
        int disp = mem.Displacement;
        if (mem.BaseReg == Mem.NoReg)
        {
            // No base: SIB with base=101 and mod=00 means disp32 only.
            _buf.Emit8((byte)(0x04 | regField));
            _buf.Emit8((byte)(mem.ScaleLog2 << 6 | index << 3 | 5));
            _buf.Emit32((uint)disp);
            return;
        }

        int @base = mem.BaseReg & 7;
        // rbp/r13 (101) with mod=00 would mean "no base", so they always carry a displacement.
        int mod = disp == 0 && @base != 5 ? 0x00 : (sbyte)disp == disp ? 0x40 : 0x80;
        if (mem.IndexReg == Mem.NoReg && @base != 4)
        {
            _buf.Emit8((byte)(mod | regField | @base));
        }
        else
        {
            // rsp/r12 (100) in ModRM.rm means "SIB follows", so they always need a SIB byte.
            _buf.Emit8((byte)(mod | regField | 4));
            _buf.Emit8((byte)(mem.ScaleLog2 << 6 | index << 3 | @base));
        }
        if (mod == 0x40)
            _buf.Emit8((byte)disp);
        else if (mod == 0x80)
            _buf.Emit32((uint)disp);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsInt8(long value) => (sbyte)value == value;

    /// <summary>Bytes of immediate that a full-size (not imm8) immediate takes: imm64 never occurs here.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ImmSize(OperandSize size) => size switch
    {
        OperandSize.S8 => 1,
        OperandSize.S16 => 2,
        _ => 4,
    };

    /// <summary>
    /// Validates an immediate against the operation size before anything is emitted (so a
    /// throw never leaves half an instruction) and normalises 8/16-bit values given unsigned
    /// (0xFFFF) to their signed form (-1), which lets the imm8 forms apply.
    /// </summary>
    private static int CheckedImm(OperandSize size, int imm)
    {
        switch (size)
        {
            case OperandSize.S8:
                if (imm is < sbyte.MinValue or > byte.MaxValue)
                    throw new ArgumentOutOfRangeException(nameof(imm), imm, "does not fit in 8 bits");
                return (sbyte)imm;
            case OperandSize.S16:
                if (imm is < short.MinValue or > ushort.MaxValue)
                    throw new ArgumentOutOfRangeException(nameof(imm), imm, "does not fit in 16 bits");
                return (short)imm;
            default:
                return imm;
        }
    }

    /// <summary>Writes an immediate of the operation's size (imm32 sign-extended for 64-bit operations); see <see cref="CheckedImm"/>.</summary>
    private void EmitImm(OperandSize size, int imm)
    {
        switch (size)
        {
            case OperandSize.S8:
                _buf.Emit8((byte)imm);
                break;
            case OperandSize.S16:
                _buf.Emit16((ushort)imm);
                break;
            default:
                _buf.Emit32((uint)imm);
                break;
        }
    }
}
