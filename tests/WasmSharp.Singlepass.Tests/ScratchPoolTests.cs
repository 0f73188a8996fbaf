using WasmSharp.Singlepass.CodeGen;
using Xunit;

namespace WasmSharp.Singlepass.Tests;

/// <summary>Scratch registers handed out in nested scopes: taken ones are refused, closing a scope gives back
/// exactly what it took.</summary>
public class ScratchPoolTests
{
    private static readonly Reg R0 = new(0, RegClass.Int), R1 = new(11, RegClass.Int), F0 = new(15, RegClass.Float);

    private static ScratchPool Pool() => new([R0, R1], [F0]);

    [Fact]
    public void ScopesHandOutInOrderAndGiveBackOnDispose()
    {
        var pool = Pool();
        using (var outer = pool.Scope())
        {
            Assert.Equal(R0, outer.Int());
            using (var inner = pool.Scope())
            {
                Assert.Equal(R1, inner.Int());
                Assert.Equal(F0, inner.Float());
                Assert.Throws<InvalidOperationException>(() => { using var third = pool.Scope(); third.Int(); });
            }
            Assert.False(pool.AllFree);
            using var again = pool.Scope();
            Assert.Equal(R1, again.Int());
        }
        Assert.True(pool.AllFree);
    }

    [Fact]
    public void TakingAHeldOrForeignRegisterIsAnError()
    {
        var pool = Pool();
        using var s = pool.Scope();
        s.Take(R1);
        Assert.Contains("already in use", Assert.Throws<InvalidOperationException>(() => { using var t = pool.Scope(); t.Take(R1); }).Message);
        Assert.Throws<ArgumentException>(() => { using var t = pool.Scope(); t.Take(new Reg(3, RegClass.Int)); });
        Assert.Equal(R0, s.Int());
    }
}
