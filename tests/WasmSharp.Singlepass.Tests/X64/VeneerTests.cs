using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>
/// The label layer's reach handling, forced with x86's short (rel8) branches, which reach as little as AArch64's
/// conditional branches do relative to the code between them: a reference bound out of reach is an error, and
/// veneers keep pending short branches in reach.
/// </summary>
public sealed unsafe class VeneerTests
{
    [Fact]
    public void AShortBranchBoundOutOfReachIsAnErrorNotAWrap()
    {
        var a = new X64Assembler();
        var far = a.CreateLabel();
        a.JmpShort(far);
        a.Nop(200);
        var e = Assert.Throws<InvalidOperationException>(() => a.Bind(far));
        Assert.Contains("veneer", e.Message);
    }

    /// <summary>Two short jumps and a short conditional jump to a label 600 bytes on, with an island check between
    /// chunks of filler, as a target with short branches would check between instructions.</summary>
    private static (X64Assembler Asm, Label Target, int Veneers) FarShortBranches()
    {
        var a = new X64Assembler();
        var target = a.CreateLabel();
        a.Mov(OperandSize.S32, Gpr.Rax, 1);
        a.Test(OperandSize.S32, Gpr.Rdi, Gpr.Rdi);
        a.JccShort(Cond.NE, target);
        a.JmpShort(target);
        int veneers = 0;
        for (int i = 0; i < 120; i++)
        {
            // an island needs room for the jump over it and one veneer per label; filler comes in 5-byte steps
            const int margin = 5 + 5 + 5;
            if (a.Labels.VeneersDue(a.Position, margin))
            {
                var over = a.CreateLabel();
                a.Jmp(over);
                veneers += a.Labels.EmitVeneers(a.Buffer, margin);
                a.Bind(over);
            }
            a.Mov(OperandSize.S32, Gpr.Rax, 2);
        }
        a.Ret();
        a.Bind(target);
        a.Mov(OperandSize.S32, Gpr.Rax, 42);
        a.Ret();
        a.Labels.EnsureAllBound();
        return (a, target, veneers);
    }

    [Fact]
    public void VeneersRouteShortBranchesToTheirFarLabel()
    {
        var (a, target, veneers) = FarShortBranches();
        Assert.Equal(1, veneers);   // one veneer serves every reference to the label
        var code = All(a.Buffer.WrittenSpan);
        var shorts = code.Where(i => i.Code is Code.Jmp_rel8_64 or Code.Jne_rel8_64).ToList();
        Assert.Equal(2, shorts.Count);
        ulong veneer = shorts[0].NearBranchTarget;
        Assert.All(shorts, s => Assert.Equal(veneer, s.NearBranchTarget));
        var jump = code.Single(i => i.IP == veneer);
        Assert.Equal(Code.Jmp_rel32_64, jump.Code);
        Assert.Equal((ulong)a.Labels.OffsetOf(target), jump.NearBranchTarget);
    }

    [X64Fact]
    public void CodeWithVeneersRuns()
    {
        var (a, _, _) = FarShortBranches();
        using var mem = new ExecutableMemory(a.Buffer.WrittenSpan);
        var f = (delegate* unmanaged<int, int>)mem.Address;
        Assert.Equal(42, f(0));   // through the short jmp and its veneer
        Assert.Equal(42, f(1));   // through the short jne and the same veneer
    }

    [Fact]
    public void NoVeneerWhileEveryBranchIsInReach()
    {
        var a = new X64Assembler();
        var near = a.CreateLabel();
        a.JmpShort(near);
        Assert.False(a.Labels.VeneersDue(a.Position, 100));
        Assert.True(a.Labels.VeneersDue(a.Position, 200));
        a.Nop(10);
        a.Bind(near);
        Assert.Equal(0, a.Labels.EmitVeneers(a.Buffer, 1000));
        Assert.False(a.Labels.VeneersDue(a.Position, 1 << 20));
    }
}
