using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WasmSharp.Singlepass;
using WasmSharp.Singlepass.Arm64;
using static WasmSharp.Singlepass.Arm64.RegWidth;
using static WasmSharp.Singlepass.Arm64.XReg;

namespace Arm64Host;

/// <summary>
/// Functions written with <see cref="Arm64Assembler"/> and run on the CPU (or qemu): arithmetic, a loop with a
/// patched forward branch, a call into C# through blr, loads and stores, constants, and the places where Arm
/// differs from Wasm (division, shifts, saturating conversions, NaN-propagating min/max).
/// </summary>
internal sealed unsafe class Checks
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public void RunAll()
    {
        Arithmetic();
        LoopWithForwardBranch();
        CallIntoCSharp();
        LoadsAndStores();
        Constants();
        BitmaskImmediates();
        DivisionAndShifts();
        BitCounting();
        ConditionsAndTestBits();
        Literals();
        Floats();
    }

    private void Expect<T>(string what, T expected, T actual)
    {
        if (EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Passed++;
            return;
        }
        Failed++;
        Console.WriteLine($"FAIL {what}: expected {expected}, got {actual}");
    }

    /// <summary>A 32-bit result as the 64-bit register holds it: zero-extended.</summary>
    private static long U32(int value) => (long)(uint)value;

    /// <summary>Assembles a function and maps it executable; the caller disposes it.</summary>
    private static ExecutableMemory Build(Action<Arm64Assembler> emit)
    {
        var a = new Arm64Assembler();
        emit(a);
        return new ExecutableMemory(a.Buffer.WrittenSpan);
    }

    private static delegate* unmanaged<long, long, long> Fn(ExecutableMemory code) => (delegate* unmanaged<long, long, long>)code.Address;

    private void Arithmetic()
    {
        using var add32 = Build(a => { a.Add(W, X0, X0, X1); a.Ret(); });
        Expect("add w", 5L, Fn(add32)(2, 3));
        Expect("add w wraps and zero-extends", U32(int.MinValue), Fn(add32)(int.MaxValue, 1));
        using var addShifted = Build(a => { a.AddSub(AddSubOp.Add, X, X0, X0, X1, Shift.Lsl, 3); a.Ret(); });
        Expect("add x lsl 3", 1 + 8 * 7L, Fn(addShifted)(1, 7));
        using var mulSub = Build(a => { a.Mul(X, X2, X0, X1); a.SubImm(X, X0, X2, 0x1000); a.Ret(); });
        Expect("mul, sub #0x1000", 1000L * 1000 - 4096, Fn(mulSub)(1000, 1000));
        using var umulh = Build(a => { a.Umulh(X0, X0, X1); a.Ret(); });
        Expect("umulh", (long)(ulong)(((UInt128)ulong.MaxValue * 3) >> 64), Fn(umulh)(-1, 3));
    }

    /// <summary>sum(1..n): a cbz placeholder patched with Arm64Branches.TryPatch once the exit is known.</summary>
    private void LoopWithForwardBranch()
    {
        var a = new Arm64Assembler();
        a.MovImm(X, X1, 0);
        int top = a.Position;
        int exit = a.Cbz(X, X0, a.Position);
        a.Add(X, X1, X1, X0);
        a.SubImm(X, X0, X0, 1);
        a.B(top);
        int done = a.Position;
        a.Mov(X, X0, X1);
        a.Ret();
        byte[] code = a.Buffer.ToArray();
        Expect("patch cbz", true, Arm64Branches.TryPatch(code, exit, done, Arm64BranchKind.Imm19));
        using var loop = new ExecutableMemory(code);
        Expect("loop sum", 100_000L * 100_001 / 2, Fn(loop)(100_000, 0));
        Expect("loop sum 0", 0L, Fn(loop)(0, 0));
    }

    [UnmanagedCallersOnly]
    private static long Triple(long x) => x * 3 + 1;

    /// <summary>A frame with the frame-pointer chain, a call through blr to a C# callback, and the result adjusted after.</summary>
    private void CallIntoCSharp()
    {
        nint callback = (nint)(delegate* unmanaged<long, long>)&Triple;
        using var viaArgument = Build(a =>
        {
            a.Stp(X, X29, X30, Sp, -16, AddrMode.PreIndex);
            a.Mov(X, X29, Sp);
            a.Mov(X, X16, X1);
            a.ShiftImm(Shift.Lsl, X, X0, X0, 1);
            a.Blr(X16);
            a.AddImm(X, X0, X0, 100);
            a.Ldp(X, X29, X30, Sp, 16, AddrMode.PostIndex);
            a.Ret();
        });
        Expect("blr callback (address in x1)", 10 * 3 + 1 + 100L, Fn(viaArgument)(5, callback));
        using var viaConstant = Build(a =>
        {
            a.Stp(X, X29, X30, Sp, -32, AddrMode.PreIndex);
            a.Mov(X, X29, Sp);
            a.Stp(X, X19, X20, Sp, 16);
            a.Mov(X, X19, X0);
            a.MovImm(X, X17, (ulong)callback);
            a.Blr(X17);
            a.Add(X, X0, X0, X19); // x19 is callee-saved: it survives the call
            a.Ldp(X, X19, X20, Sp, 16);
            a.Ldp(X, X29, X30, Sp, 32, AddrMode.PostIndex);
            a.Ret();
        });
        Expect("blr callback (address as constant)", 7 * 3 + 1 + 7L, Fn(viaConstant)(7, 0));
    }

    private void LoadsAndStores()
    {
        byte[] buffer = new byte[64];
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = (byte)(0x80 + i * 7);
        byte[] expected = (byte[])buffer.Clone();
        fixed (byte* p = buffer)
        {
            using var code = Build(a =>
            {
                a.MemIndexed(MemOp.LdrW, X2, X0, X1, IndexExtend.Uxtw, scaled: true); // buf32[index]
                a.AddImm(W, X2, X2, 1);
                a.MemIndexed(MemOp.StrW, X2, X0, X1, IndexExtend.Uxtw, scaled: true);
                a.Mem(MemOp.LdrsbX, X3, X0, 3);
                a.Mem(MemOp.Ldrh, X4, X0, 6);
                a.Mem(MemOp.LdrX, X5, X0, 1); // unaligned, unscaled (ldur)
                a.Mem(MemOp.Strh, X5, X0, 40);
                a.Mem(FpMemOp.LdrD, VReg.V0, X0, 8);
                a.Mem(FpMemOp.StrD, VReg.V0, X0, 48);
                a.Add(X, X0, X3, X4);
                a.Add(X, X0, X0, X5);
                a.Ret();
            });
            long result = Fn(code)((long)p, 5);
            uint word = BitConverter.ToUInt32(expected, 20) + 1;
            BitConverter.GetBytes(word).CopyTo(expected, 20);
            long x3 = (sbyte)expected[3], x4 = BitConverter.ToUInt16(expected, 6), x5 = BitConverter.ToInt64(expected, 1);
            BitConverter.GetBytes((ushort)x5).CopyTo(expected, 40);
            Array.Copy(expected, 8, expected, 48, 8);
            Expect("loads", x3 + x4 + x5, result);
            Expect("stores", Convert.ToHexString(expected), Convert.ToHexString(buffer));
        }
    }

    /// <summary>MovImm's shortest sequences, run: every constant must come back exactly (32-bit ones zero-extended).</summary>
    private void Constants()
    {
        var rng = new Random(42);
        var values = new List<ulong> { 0, 1, ulong.MaxValue, 0xFFFF_0000, 0x8000_0000_0000_0000, 0x1234_5678_9ABC_DEF0, 0x5555_5555_5555_5555, 0xFFFF_FFFF_0000_1234 };
        for (int i = 0; i < 200; i++)
        {
            ulong v = (ulong)rng.NextInt64();
            for (int k = 0; k < 4; k++)
                if (rng.Next(3) == 0) v = rng.Next(2) == 0 ? v & ~(0xFFFFUL << (16 * k)) : v | 0xFFFFUL << (16 * k);
            values.Add(v);
        }
        int wrong = 0;
        foreach (ulong v in values)
        {
            using var x = Build(a => { a.MovImm(X, X0, v); a.Ret(); });
            using var w = Build(a => { a.MovImm(X, X0, ulong.MaxValue); a.MovImm(W, X0, v); a.Ret(); });
            if ((ulong)Fn(x)(0, 0) != v || (ulong)Fn(w)(0, 0) != (v & uint.MaxValue))
                wrong++;
        }
        Expect($"MovImm of {values.Count} constants (x and w)", 0, wrong);
    }

    /// <summary>and/orr/eor with bitmask immediates of every element size, run against random inputs.</summary>
    private void BitmaskImmediates()
    {
        var rng = new Random(7);
        int wrong = 0, count = 0;
        for (int size = 2; size <= 64; size *= 2)
            for (int k = 0; k < 12; k++)
            {
                int ones = rng.Next(1, size), rotation = rng.Next(size);
                ulong element = RotateRight((1UL << ones) - 1, rotation, size), mask = 0;
                for (int i = 0; i < 64; i += size)
                    mask |= element << i;
                using var code = Build(a => { a.LogicImm(LogicOp.Eor, X, X1, X0, mask); a.LogicImm(LogicOp.And, X, X0, X0, mask); a.Add(X, X0, X0, X1); a.Ret(); });
                ulong input = (ulong)rng.NextInt64();
                if ((ulong)Fn(code)((long)input, 0) != (input & mask) + (input ^ mask))
                    wrong++;
                count++;
            }
        Expect($"bitmask immediates ({count})", 0, wrong);
    }

    private static ulong RotateRight(ulong value, int by, int size)
    {
        ulong mask = size == 64 ? ulong.MaxValue : (1UL << size) - 1;
        return by == 0 ? value : ((value >> by) | (value << (size - by))) & mask;
    }

    /// <summary>Arm division never faults (x/0 = 0, MIN/-1 = MIN) and shifts take the amount modulo the width, as Wasm does.</summary>
    private void DivisionAndShifts()
    {
        using var sdiv = Build(a => { a.Sdiv(W, X0, X0, X1); a.Ret(); });
        Expect("sdiv by zero gives 0", 0L, Fn(sdiv)(7, 0));
        Expect("sdiv MIN/-1 gives MIN", U32(int.MinValue), Fn(sdiv)(int.MinValue, -1));
        Expect("sdiv -7/2", U32(-3), Fn(sdiv)(-7, 2));
        using var urem = Build(a => { a.Udiv(X, X2, X0, X1); a.Msub(X, X0, X2, X1, X0); a.Ret(); });
        Expect("urem", (long)(ulong.MaxValue % 10), Fn(urem)(-1, 10));
        using var shl = Build(a => { a.ShiftVar(Shift.Lsl, W, X0, X0, X1); a.Ret(); });
        Expect("lsl w by 33 = by 1", 2L, Fn(shl)(1, 33));
        using var asr = Build(a => { a.ShiftVar(Shift.Asr, X, X0, X0, X1); a.Ret(); });
        Expect("asr x by 65 = by 1", -4L, Fn(asr)(-8, 65));
        using var ror = Build(a => { a.ShiftImm(Shift.Ror, W, X0, X0, 4); a.Ret(); });
        Expect("ror w #4", (long)BitOperations.RotateRight(0x12345678u, 4), Fn(ror)(0x12345678, 0));
        using var sxtb = Build(a => { a.ExtendReg(Extend.Sxtb, W, X0, X0); a.Ret(); });
        Expect("sxtb w", U32(-128), Fn(sxtb)(0x180, 0));
    }

    private void BitCounting()
    {
        using var popcnt = Build(a =>
        {
            a.FmovFromGpr(X, VReg.V0, X0);
            a.Cnt8B(VReg.V0, VReg.V0);
            a.Addv8B(VReg.V0, VReg.V0);
            a.FmovToGpr(W, X0, VReg.V0);
            a.Ret();
        });
        using var ctz = Build(a => { a.Rbit(X, X0, X0); a.Clz(X, X0, X0); a.Ret(); });
        using var clz32 = Build(a => { a.Clz(W, X0, X0); a.Ret(); });
        using var rev = Build(a => { a.Rev(X, X0, X0); a.Ret(); });
        foreach (ulong v in (ulong[])[0, 1, 0x8000_0000_0000_0000, 0xF0F0_1234_0000_0100, ulong.MaxValue])
        {
            Expect($"popcnt {v:x}", (long)BitOperations.PopCount(v), Fn(popcnt)((long)v, 0));
            Expect($"ctz {v:x}", (long)BitOperations.TrailingZeroCount(v), Fn(ctz)((long)v, 0));
            Expect($"clz32 {v:x}", (long)BitOperations.LeadingZeroCount((uint)v), Fn(clz32)((long)v, 0));
            Expect($"rev {v:x}", (long)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(v), Fn(rev)((long)v, 0));
        }
    }

    private void ConditionsAndTestBits()
    {
        using var lt = Build(a => { a.Cmp(W, X0, X1); a.Cset(W, X0, Cond.Lt); a.Ret(); });
        Expect("cset lt (signed)", 1L, Fn(lt)(-1, 0));
        using var lo = Build(a => { a.Cmp(W, X0, X1); a.Cset(W, X0, Cond.Lo); a.Ret(); });
        Expect("cset lo (unsigned)", 0L, Fn(lo)(-1, 0));
        using var select = Build(a => { a.CmpImm(X, X0, 10); a.Csel(X, X0, X0, X1, Cond.Gt); a.Ret(); });
        Expect("csel gt taken", 11L, Fn(select)(11, 3));
        Expect("csel gt not taken", 3L, Fn(select)(10, 3));
        var t = new Arm64Assembler();
        int branch = t.Tbnz(X0, 40, t.Position);
        t.MovImm(X, X0, 0);
        t.Ret();
        byte[] code = t.Buffer.ToArray();
        Arm64Branches.TryPatch(code, branch, t.Position, Arm64BranchKind.Imm14);
        var tail = new Arm64Assembler();
        tail.MovImm(X, X0, 1);
        tail.Ret();
        using var tbnz = new ExecutableMemory([.. code, .. tail.Buffer.ToArray()]);
        Expect("tbnz bit 40 set", 1L, Fn(tbnz)(1L << 40, 0));
        Expect("tbnz bit 40 clear", 0L, Fn(tbnz)(1L << 39, 0));
    }

    /// <summary>A 64-bit literal placed after the code, read by ldr (literal) and by adr + ldr.</summary>
    private void Literals()
    {
        ulong value = 0x1122_3344_5566_7788;
        foreach (bool viaAdr in (bool[])[false, true])
        {
            var a = new Arm64Assembler();
            int at = viaAdr ? a.Adr(X0, a.Position) : a.LdrLiteral(X, X0, a.Position);
            if (viaAdr)
                a.Mem(MemOp.LdrX, X0, X0, 0);
            a.Ret();
            if (a.Position % 8 != 0)
                a.Nop();
            int literal = a.Position;
            a.Emit((uint)value);
            a.Emit((uint)(value >> 32));
            byte[] code = a.Buffer.ToArray();
            Arm64Branches.TryPatch(code, at, literal, viaAdr ? Arm64BranchKind.Adr : Arm64BranchKind.Imm19);
            using var f = new ExecutableMemory(code);
            Expect(viaAdr ? "adr + ldr" : "ldr literal", (long)value, Fn(f)(0, 0));
        }
    }

    private static delegate* unmanaged<double, double, double> FnD(ExecutableMemory code) => (delegate* unmanaged<double, double, double>)code.Address;

    private static delegate* unmanaged<double, long> FnDL(ExecutableMemory code) => (delegate* unmanaged<double, long>)code.Address;

    private void Floats()
    {
        using var min = Build(a => { a.FpBinary(FpBinaryOp.Fmin, FpSize.D, VReg.V0, VReg.V0, VReg.V1); a.Ret(); });
        Expect("fmin(-0, +0) = -0", BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(FnD(min)(0.0, -0.0)));
        Expect("fmin(NaN, 1) is NaN", true, double.IsNaN(FnD(min)(double.NaN, 1)));
        using var nearest = Build(a => { a.FpUnary(FpUnaryOp.Frintn, FpSize.D, VReg.V0, VReg.V0); a.Ret(); });
        Expect("frintn 2.5", 2.0, FnD(nearest)(2.5, 0));
        Expect("frintn -3.5", -4.0, FnD(nearest)(-3.5, 0));
        using var sqrtAdd = Build(a => { a.FpUnary(FpUnaryOp.Fsqrt, FpSize.D, VReg.V0, VReg.V0); a.FpBinary(FpBinaryOp.Fadd, FpSize.D, VReg.V0, VReg.V0, VReg.V1); a.Ret(); });
        Expect("fsqrt + fadd", 3.5, FnD(sqrtAdd)(9, 0.5));
        using var single = Build(a =>
        {
            a.Fcvt(FpSize.S, VReg.V0, VReg.V0);
            a.TryFmovImm(FpSize.S, VReg.V2, 1.5);
            a.FpBinary(FpBinaryOp.Fmul, FpSize.S, VReg.V0, VReg.V0, VReg.V2);
            a.Fcvt(FpSize.D, VReg.V0, VReg.V0);
            a.Ret();
        });
        Expect("demote, fmov #1.5, fmul s, promote", (double)((float)0.1 * 1.5f), FnD(single)(0.1, 0));
        using var toInt = Build(a => { a.Fcvtzs(W, FpSize.D, X0, VReg.V0); a.Ret(); });
        Expect("fcvtzs saturates high", (long)int.MaxValue, FnDL(toInt)(1e10));
        Expect("fcvtzs saturates low", U32(int.MinValue), FnDL(toInt)(-1e10));
        Expect("fcvtzs NaN is 0", 0L, FnDL(toInt)(double.NaN));
        Expect("fcvtzs truncates", U32(-2), FnDL(toInt)(-2.9));
        using var toUnsigned = Build(a => { a.Fcvtzu(X, FpSize.D, X0, VReg.V0); a.Ret(); });
        Expect("fcvtzu negative is 0", 0L, FnDL(toUnsigned)(-5));
        using var less = Build(a => { a.Fcmp(FpSize.D, VReg.V0, VReg.V1); a.Cset(W, X0, Cond.Mi); a.FmovFromGpr(X, VReg.V0, X0); a.Ret(); });
        Expect("fcmp mi (less)", 1L, BitConverter.DoubleToInt64Bits(FnD(less)(1, 2)));
        Expect("fcmp mi unordered is false", 0L, BitConverter.DoubleToInt64Bits(FnD(less)(double.NaN, 2)));
        using var fromUnsigned = Build(a => { a.Ucvtf(FpSize.D, X, VReg.V0, X0); a.FmovToGpr(X, X0, VReg.V0); a.Ret(); });
        Expect("ucvtf u64 max", BitConverter.DoubleToInt64Bits(18446744073709551615.0), Fn(fromUnsigned)(-1, 0));
    }
}
