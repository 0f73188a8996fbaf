using Xunit;

namespace WasmSharp.Singlepass.Tests;

public class CodeBufferTests
{
    [Fact]
    public void EmitsLittleEndianAndGrows()
    {
        var b = new CodeBuffer(1);
        for (int i = 0; i < 100; i++)
        {
            b.Emit8(0xAA);
            b.Emit16(0x1122);
            b.Emit32(0x33445566);
            b.Emit64(0x778899AABBCCDDEE);
        }
        Assert.Equal(1500, b.Position);
        Assert.Equal([0xAA, 0x22, 0x11, 0x66, 0x55, 0x44, 0x33, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99, 0x88, 0x77], b.WrittenSpan[..15].ToArray());
    }

    [Fact]
    public void InstructionWriterGrowsAtTheBoundaryAndCommitsOnlyWhatWasWritten()
    {
        var b = new CodeBuffer(64);
        for (int i = 0; i < 60; i++) b.Emit8((byte)i);
        // 15 bytes do not fit in the 4 left: Begin grows first, keeping what was written
        var w = b.Begin(15);
        w.Put(0x48);
        w.Put(0x189); // only the low byte counts
        w.Put32(0xDDCCBBAA);
        b.Commit(in w);
        Assert.True(b.Capacity >= 75);
        Assert.Equal(66, b.Position);
        Assert.Equal(59, b.WrittenSpan[59]);
        Assert.Equal([0x48, 0x89, 0xAA, 0xBB, 0xCC, 0xDD], b.WrittenSpan[60..].ToArray());
        // reserved but unwritten bytes stay outside the code
        var unused = b.Begin(15);
        b.Commit(in unused);
        Assert.Equal(66, b.Position);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Patch8(66, 0));
    }

    [Fact]
    public void ReserveGrowsOnceAndKeepsWhatWasWritten()
    {
        var b = new CodeBuffer(64);
        b.Emit32(0x01020304);
        b.Reserve(1 << 20);
        Assert.True(b.Capacity >= 1 << 20);
        Assert.Equal(4, b.Position);
        Assert.Equal([4, 3, 2, 1], b.WrittenSpan.ToArray());
        int capacity = b.Capacity;
        b.Reserve(100); // smaller than what is there: nothing changes
        Assert.Equal(capacity, b.Capacity);
        for (int i = 0; i < 1000; i++) b.Emit8((byte)i);
        Assert.Equal(capacity, b.Capacity);
        Assert.Equal(231, b.WrittenSpan[^1]);
        // the free tail is not zeroed: a patch there must still be refused
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Patch32(b.Position, 0));
    }

    [Fact]
    public void PatchesOnlyWrittenBytes()
    {
        var b = new CodeBuffer();
        b.Emit32(0);
        b.Emit8(0);
        b.Patch32(1, 0xDEADBEEF);
        Assert.Equal(unchecked((int)0xDEADBEEF), b.Read32(1));
        b.Patch8(0, 7);
        Assert.Equal(7, b.Read8(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Patch32(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Patch8(-1, 0));
    }

    [Fact]
    public void ResetKeepsCapacity()
    {
        var b = new CodeBuffer(64);
        for (int i = 0; i < 1000; i++)
            b.Emit8(1);
        int capacity = b.Capacity;
        b.Reset();
        Assert.Equal(0, b.Position);
        Assert.Equal(capacity, b.Capacity);
        Assert.True(b.WrittenSpan.IsEmpty);
    }
}
