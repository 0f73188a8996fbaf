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

    /// <summary>Reserves room for one instruction (<see cref="MaxInstructionLength"/>): its prefixes, opcode, ModRM,
    /// SIB and displacement then go in with no capacity check per byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private InstructionWriter Begin() => _buf.Begin(MaxInstructionLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitLegacyPrefixes(ref InstructionWriter w, OperandSize size, byte mandatoryPrefix)
    {
        if (size == OperandSize.S16)
            w.Put(0x66);
        if (mandatoryPrefix != 0)
            w.Put(mandatoryPrefix);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitRex(ref InstructionWriter w, int wrxb, bool force)
    {
        if (wrxb != 0 || force)
            w.Put(0x40 | wrxb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitOpcode(ref InstructionWriter w, int opcode)
    {
        if (opcode > 0xFF)
            w.Put(opcode >> 8);
        w.Put(opcode);
    }

    /// <summary>An instruction with no operand bytes after its opcode (the accumulator forms; an immediate follows).</summary>
    private void OpAccumulator(OperandSize size, int opcode)
    {
        var w = Begin();
        EmitLegacyPrefixes(ref w, size, 0);
        EmitRex(ref w, W(size), false);
        w.Put(opcode);
        _buf.Commit(in w);
    }

    /// <summary>opcode with ModRM.mod = 11: both operands are registers.</summary>
    private void OpRR(OperandSize size, int opcode, int reg, int rm, ByteRegs byteRegs = ByteRegs.None, byte mandatoryPrefix = 0)
    {
        var w = Begin();
        EncodeRR(ref w, size, opcode, reg, rm, byteRegs, mandatoryPrefix);
        _buf.Commit(in w);
    }

    /// <summary><see cref="OpRR"/> followed by an 8-bit immediate, in the same instruction write.</summary>
    private void OpRRImm8(OperandSize size, int opcode, int reg, int rm, int imm8, ByteRegs byteRegs = ByteRegs.None)
    {
        var w = Begin();
        EncodeRR(ref w, size, opcode, reg, rm, byteRegs, 0);
        w.Put(imm8);
        _buf.Commit(in w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EncodeRR(ref InstructionWriter w, OperandSize size, int opcode, int reg, int rm, ByteRegs byteRegs, byte mandatoryPrefix)
    {
        EmitLegacyPrefixes(ref w, size, mandatoryPrefix);
        bool force = ((byteRegs & ByteRegs.Reg) != 0 && IsRexOnlyByteReg(reg))
                     || ((byteRegs & ByteRegs.Rm) != 0 && IsRexOnlyByteReg(rm));
        EmitRex(ref w, W(size) | ((reg >> 3) & 1) << 2 | ((rm >> 3) & 1), force);
        EmitOpcode(ref w, opcode);
        w.Put(0xC0 | (reg & 7) << 3 | (rm & 7));
    }

    /// <summary>opcode with a memory r/m operand; <paramref name="immSize"/> bytes of immediate will follow (RIP-relative needs to know).</summary>
    private void OpRM(OperandSize size, int opcode, int reg, Mem mem, ByteRegs byteRegs = ByteRegs.None, byte mandatoryPrefix = 0, int immSize = 0)
    {
        var w = Begin();
        EmitLegacyPrefixes(ref w, size, mandatoryPrefix);
        bool force = (byteRegs & ByteRegs.Reg) != 0 && IsRexOnlyByteReg(reg);
        EmitRex(ref w, W(size) | ((reg >> 3) & 1) << 2 | mem.RexX << 1 | mem.RexB, force);
        EmitOpcode(ref w, opcode);
        EmitModRmMem(ref w, reg, mem, immSize);
    }

    /// <summary>Short forms that put the register in the opcode's low bits (push, bswap, mov r, imm).</summary>
    private void OpPlusReg(OperandSize size, int opcode, Gpr reg, bool byteReg = false)
    {
        var w = Begin();
        EmitLegacyPrefixes(ref w, size, 0);
        EmitRex(ref w, W(size) | ((int)reg >> 3), byteReg && reg.NeedsRexAsByte());
        EmitOpcode(ref w, opcode + reg.Low3());
        _buf.Commit(in w);
    }

    /// <summary>mov r32, imm32 (B8+r id) in one instruction write: the commonest constant load.</summary>
    private void MovImm32(Gpr reg, uint imm)
    {
        var w = Begin();
        EmitRex(ref w, (int)reg >> 3, false);
        w.Put(0xB8 + reg.Low3());
        w.Put32(imm);
        _buf.Commit(in w);
    }

    /// <summary>The register-direct ModRM byte, which ends the instruction's encoded part: commits it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EmitModRmReg(ref InstructionWriter w, int reg, int rm)
    {
        w.Put(0xC0 | (reg & 7) << 3 | (rm & 7));
        _buf.Commit(in w);
    }

    /// <summary>ModRM, SIB and displacement for a memory operand, which end the instruction's encoded part: commits
    /// it (a label's fix-up may patch the displacement at once, so the bytes are in the buffer first).</summary>
    private void EmitModRmMem(ref InstructionWriter w, int reg, Mem mem, int immSize)
    {
        int regField = (reg & 7) << 3;
        if (mem.Kind != Mem.MemKind.BaseIndex)
        {
            // mod=00 rm=101 is [rip + disp32] in 64-bit mode.
            w.Put(0x05 | regField);
            if (mem.Kind == Mem.MemKind.Rip)
            {
                w.Put32((uint)mem.Displacement);
                _buf.Commit(in w);
                return;
            }
            w.Put32(0);
            _buf.Commit(in w);
            int field = _buf.Position - 4;
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
            w.Put(0x04 | regField);
            w.Put(mem.ScaleLog2 << 6 | index << 3 | 5);
            w.Put32((uint)disp);
            _buf.Commit(in w);
            return;
        }

        int @base = mem.BaseReg & 7;
        // rbp/r13 (101) with mod=00 would mean "no base", so they always carry a displacement.
        int mod = disp == 0 && @base != 5 ? 0x00 : (sbyte)disp == disp ? 0x40 : 0x80;
        if (mem.IndexReg == Mem.NoReg && @base != 4)
        {
            w.Put(mod | regField | @base);
        }
        else
        {
            // rsp/r12 (100) in ModRM.rm means "SIB follows", so they always need a SIB byte.
            w.Put(mod | regField | 4);
            w.Put(mem.ScaleLog2 << 6 | index << 3 | @base);
        }
        if (mod == 0x40)
            w.Put(disp);
        else if (mod == 0x80)
            w.Put32((uint)disp);
        _buf.Commit(in w);
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
