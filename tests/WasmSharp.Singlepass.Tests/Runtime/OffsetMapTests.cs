using WasmSharp.Artifacts;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>The offset map as an artifact loads it: only the function starts are checked at load (a warm start does
/// not decode millions of pairs); a lookup in damaged pairs says "unknown" (-1) instead of throwing or running off.</summary>
public class OffsetMapTests
{
    private static OffsetMap TwoFunctions()
    {
        var writer = new OffsetMapWriter();
        writer.BeginFunction();
        writer.Add(4, 100);
        writer.Add(20, 90);
        writer.BeginFunction();
        writer.Add(8, 300);
        return writer.ToMap();
    }

    [Fact]
    public void ALoadedMapFindsTheSiteHoldingAnOffset()
    {
        var saved = TwoFunctions();
        var map = OffsetMap.Load(saved.Bytes.ToArray(), saved.Starts.ToArray());
        Assert.Equal(-1, map.WasmOffset(0, 3));
        Assert.Equal(100, map.WasmOffset(0, 19));
        Assert.Equal(90, map.WasmOffset(0, 500));
        Assert.Equal(300, map.WasmOffset(1, 8));
        Assert.Equal(-1, map.WasmOffset(2, 8));
    }

    [Fact]
    public void DamagedPairsLoadAndLookUpAsUnknown()
    {
        var saved = TwoFunctions();
        var bytes = saved.Bytes.ToArray();
        int second = saved.Starts[1];
        // the first function's pairs never end (continuation bits up to the next function's start)
        for (int i = 0; i < second; i++) bytes[i] |= 0x80;
        var map = OffsetMap.Load(bytes, saved.Starts.ToArray());
        Assert.Equal(-1, map.WasmOffset(0, 500));
        Assert.Equal(300, map.WasmOffset(1, 8));
        // a function whose last pair is cut short
        var cut = OffsetMap.Load(saved.Bytes[..^1].ToArray(), saved.Starts.ToArray());
        Assert.Equal(-1, cut.WasmOffset(1, 8));
    }

    [Fact]
    public void StartsOutsideTheMapAreRefused()
    {
        var saved = TwoFunctions();
        Assert.Throws<ArtifactException>(() => OffsetMap.Load(saved.Bytes.ToArray(), [0, saved.Bytes.Length + 1]));
        Assert.Throws<ArtifactException>(() => OffsetMap.Load(saved.Bytes.ToArray(), [3, 1]));
    }
}
