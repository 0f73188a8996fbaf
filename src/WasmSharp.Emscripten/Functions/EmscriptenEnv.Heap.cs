namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const uint PageSize = 65536;

    private void AddHeap(Dictionary<string, HostDef> d)
    {
        I(d, "emscripten_memcpy_big", "iii", a => MemcpyBig(U(a, 0), U(a, 1), U(a, 2)));
        I(d, "emscripten_resize_heap", "i", a => ResizeHeap(U(a, 0)) ? 1 : 0);
        // the glue refreshes its typed-array views here; .NET reads the memory afresh on every access
        F(d, "emscripten_notify_memory_growth", "i", "", (_, _) => { });
        I(d, "emscripten_get_heap_max", "", _ => (int)HeapMax);
    }

    private int MemcpyBig(uint dest, uint src, uint num)
    {
        var m = Mem.Memory;
        if ((ulong)dest + num > m.Length || (ulong)src + num > m.Length)
            throw new TrapException(TrapKind.OutOfBoundsMemoryAccess);
        m.GetSpan(src, (int)num).CopyTo(m.GetSpan(dest, (int)num));
        return (int)dest;
    }

    /// <summary>The memory's maximum, capped as the glue caps it: 2 GiB less a page.</summary>
    private uint HeapMax => (uint)Math.Min((ulong)(Mem.Memory.MaxPages ?? 65536) * PageSize, 2147483648UL - PageSize);

    /// <summary>The glue's growth policy: at least the request, geometrically by 20% (at most 96 MiB over the
    /// request), halving the excess up to three times if the memory refuses.</summary>
    private bool ResizeHeap(uint requested)
    {
        var m = Mem.Memory;
        ulong old = m.Length;
        if (requested <= old) return false;
        if (requested > HeapMax) return false;
        for (int cutDown = 1; cutDown <= 4; cutDown *= 2)
        {
            ulong over = Math.Min((ulong)(old * (1 + 0.2 / cutDown)), requested + 100663296UL);
            ulong size = Math.Min(HeapMax, AlignUp(Math.Max(requested, over), PageSize));
            if (m.Grow((uint)((size - m.Length + PageSize - 1) / PageSize)) >= 0) return true;
        }
        return false;
    }

    private static ulong AlignUp(ulong x, ulong multiple) => x + (multiple - x % multiple) % multiple;
}
