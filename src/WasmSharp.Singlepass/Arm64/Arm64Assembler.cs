using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmSharp.Singlepass.Arm64;

/// <summary>
/// Encodes AArch64 (A64) instructions into a <see cref="CodeBuffer"/>: every public method writes one fixed
/// 32-bit little-endian word (or a short fixed sequence) and allocates nothing. Operand order is the
/// architecture's: destination first.
/// </summary>
/// <remarks>
/// Instruction groups live in partial files: integer, memory, control flow, floating point. This file holds the
/// register-field helpers. Register number 31 means sp in some fields and zr in others; <see cref="XReg"/> keeps
/// them apart and the helpers below refuse the wrong one rather than encode a different instruction.
/// Invalid operands throw before anything is written, so a failed call never leaves half an instruction.
/// </remarks>
internal sealed partial class Arm64Assembler
{
    /// <summary>Every A64 instruction is one 32-bit word.</summary>
    public const int InstructionSize = 4;

    private readonly CodeBuffer _buf;

    public Arm64Assembler() : this(new CodeBuffer())
    {
    }

    public Arm64Assembler(CodeBuffer buffer) => _buf = buffer;

    public CodeBuffer Buffer => _buf;

    /// <summary>Offset of the next instruction.</summary>
    public int Position => _buf.Position;

    /// <summary>Starts over in the same storage.</summary>
    public void Reset() => _buf.Reset();

    /// <summary>Writes one raw instruction word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit(uint word) => _buf.Emit32(word);

    /// <summary>A register in a field where 31 is the zero register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rz(XReg r)
    {
        if (r == XReg.Sp)
            ThrowRegister(r, "the zero register");
        return (uint)r;
    }

    /// <summary>A register in a field where 31 is the stack pointer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rs(XReg r)
    {
        if (r == XReg.Zr)
            ThrowRegister(r, "the stack pointer");
        return r == XReg.Sp ? 31u : (uint)r;
    }

    /// <summary>A register that must be neither sp nor zr (where 31 would mean something else entirely).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rn(XReg r)
    {
        if (r >= XReg.Zr)
            ThrowRegister(r, "neither sp nor zr");
        return (uint)r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint V(VReg r) => (uint)r;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Sf(RegWidth w) => (uint)w << 31;

    /// <summary>Number of bits in a register of width <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bits(RegWidth w) => w == RegWidth.X ? 64 : 32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckRange(long value, long min, long max, string name)
    {
        if (value < min || value > max)
            ThrowRange(value, min, max, name);
    }

    [DoesNotReturn]
    private static void ThrowRegister(XReg r, string allowed) =>
        throw new ArgumentException($"{r} cannot be encoded here: this operand field means {allowed} for register 31");

    [DoesNotReturn]
    private static void ThrowRange(long value, long min, long max, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"must be in {min}..{max}");

    [DoesNotReturn]
    private static void ThrowUnencodable(string what, long value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, $"not encodable as {what}");
}
