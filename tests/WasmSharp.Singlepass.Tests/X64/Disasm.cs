using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>Decodes assembler output with Iced, an independent x86 decoder, and maps our operand types to Iced's.</summary>
internal static class Disasm
{
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    /// <summary>Decodes every instruction in <paramref name="bytes"/>, asserting none is invalid.</summary>
    public static List<Instruction> All(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(copy));
        decoder.IP = 0;
        var list = new List<Instruction>();
        while (decoder.IP < (ulong)copy.Length)
        {
            decoder.Decode(out Instruction ins);
            Assert.True(ins.Code != Code.INVALID, $"invalid instruction at {ins.IP} in {Hex(copy)}");
            list.Add(ins);
        }
        Assert.Equal((ulong)copy.Length, decoder.IP);
        return list;
    }

    /// <summary>Decodes exactly one instruction that must use the whole buffer.</summary>
    public static Instruction One(ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(copy));
        decoder.IP = 0;
        decoder.Decode(out Instruction ins);
        Assert.True(ins.Code != Code.INVALID, $"invalid instruction {Hex(copy)}");
        Assert.True(ins.Length == copy.Length, $"{Hex(copy)} decodes as {ins} ({ins.Length} of {copy.Length} bytes)");
        return ins;
    }

    // Test classes run in parallel; each thread reuses its own assembler (exercising Reset).
    [ThreadStatic]
    private static X64Assembler? t_shared;

    private static X64Assembler Shared => t_shared ??= new X64Assembler();

    /// <summary>Assembles one instruction into a fresh buffer and decodes it.</summary>
    public static Instruction One(Action<X64Assembler> emit)
    {
        Shared.Reset();
        emit(Shared);
        return One(Shared.Buffer.WrittenSpan);
    }

    public static byte[] Bytes(Action<X64Assembler> emit)
    {
        Shared.Reset();
        emit(Shared);
        return Shared.Buffer.ToArray();
    }

    public static Code CodeOf(string name) => Enum.Parse<Code>(name);

    public static int Bits(OperandSize size) => size switch
    {
        OperandSize.S8 => 8,
        OperandSize.S16 => 16,
        OperandSize.S32 => 32,
        _ => 64,
    };

    public static Register R(Gpr r, OperandSize size)
    {
        int i = (int)r;
        return size switch
        {
            OperandSize.S8 => i < 4 ? Register.AL + i : i < 8 ? Register.SPL + (i - 4) : Register.R8L + (i - 8),
            OperandSize.S16 => Register.AX + i,
            OperandSize.S32 => Register.EAX + i,
            _ => Register.RAX + i,
        };
    }

    public static Register R64(Gpr r) => Register.RAX + (int)r;

    public static Register X(Xmm x) => Register.XMM0 + (int)x;

    public static readonly OperandSize[] AllSizes = [OperandSize.S8, OperandSize.S16, OperandSize.S32, OperandSize.S64];
    public static readonly OperandSize[] WideSizes = [OperandSize.S16, OperandSize.S32, OperandSize.S64];
    public static readonly Gpr[] Gprs = Enum.GetValues<Gpr>();
    public static readonly Xmm[] Xmms = Enum.GetValues<Xmm>();

    /// <summary>Displacements at the disp8/disp32 boundaries.</summary>
    public static readonly int[] Displacements = [0, 1, -1, 127, -128, 128, -129, 0x7FFF_FFFF, int.MinValue];

    /// <summary>
    /// Memory operands covering every base, every index (incl. rbp/r12/r13), every scale,
    /// disp8/disp32 boundaries, no-base, absolute and RIP-relative forms.
    /// </summary>
    public static IEnumerable<Mem> Mems(bool full = true)
    {
        foreach (Gpr b in Gprs)
            foreach (int d in full ? Displacements : [0, -128, 0x1000])
                yield return Mem.At(b, d);
        Gpr[] bases = full ? Gprs : [Gpr.Rax, Gpr.Rsp, Gpr.Rbp, Gpr.R12, Gpr.R13, Gpr.R15];
        foreach (Gpr b in bases)
            foreach (Gpr i in Gprs)
            {
                if (i == Gpr.Rsp)
                    continue;
                foreach (int s in (int[])[1, 2, 4, 8])
                    foreach (int d in (int[])[0, -8, 0x1000])
                        yield return Mem.At(b, i, s, d);
            }
        foreach (Gpr i in (Gpr[])[Gpr.Rax, Gpr.Rbp, Gpr.R12, Gpr.R13])
            yield return Mem.Indexed(i, 8, 0x40);
        yield return Mem.Absolute(0x1234);
        yield return Mem.Absolute(-4);
        yield return Mem.Rip(0);
        yield return Mem.Rip(-100);
        yield return Mem.Rip(0x12345);
    }

    /// <summary>Fewer memory operands, for sweeps that multiply them by many ops.</summary>
    public static IEnumerable<Mem> SomeMems() => Mems(full: false);

    public static void AssertMem(Instruction ins, Mem m)
    {
        string what = $"{m} in {ins}";
        if (m.IsRipRelative)
        {
            Assert.True(ins.IsIPRelativeMemoryOperand, what);
            Assert.True(ins.NextIP + (ulong)(long)m.Displacement == ins.IPRelativeMemoryAddress, what);
            return;
        }
        Assert.True((m.Base is { } b ? R64(b) : Register.None) == ins.MemoryBase, what);
        Assert.True((m.Index is { } i ? R64(i) : Register.None) == ins.MemoryIndex, what);
        if (m.Index is not null)
            Assert.True(m.Scale == ins.MemoryIndexScale, what);
        Assert.True((ulong)(long)m.Displacement == ins.MemoryDisplacement64, what + $" disp {ins.MemoryDisplacement64:x}");
    }

    public static void AssertImm(Instruction ins, int operand, long expected, OperandSize size)
    {
        ulong mask = size switch
        {
            OperandSize.S8 => 0xFF,
            OperandSize.S16 => 0xFFFF,
            OperandSize.S32 => 0xFFFF_FFFF,
            _ => ulong.MaxValue,
        };
        Assert.True(((ulong)expected & mask) == (ins.GetImmediate(operand) & mask), $"imm {expected} in {ins}");
    }
}
