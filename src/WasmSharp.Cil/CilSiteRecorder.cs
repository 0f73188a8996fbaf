using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>Collects a function's <see cref="CilSiteMap"/> while it is emitted, in buffers reused from function to
/// function (one recorder per thread: lazy modules compile on several threads).</summary>
internal sealed class CilSiteRecorder
{
    private int[] _sites = new int[48];
    private int _siteLength;
    private int[] _boundaries = new int[32];
    private int _boundaryCount;
    private bool _open;
    private int _faultingAccesses;
    private int _faultingAccess;

    public void Reset()
    {
        _siteLength = 0;
        _boundaryCount = 0;
        _open = false;
        _faultingAccesses = 0;
    }

    /// <summary>The instruction at <paramref name="wasmOffset"/> accesses memory without a check (guard pages).</summary>
    public void NoteFaultingAccess(int wasmOffset)
    {
        _faultingAccess = wasmOffset;
        _faultingAccesses++;
    }

    /// <summary>An instruction begins at IL offset <paramref name="il"/> (which ends the previous one).</summary>
    public void Begin(int il, int wasmOffset, bool stackEmpty, bool site)
    {
        End(il);
        if (stackEmpty)
        {
            if (_boundaryCount == _boundaries.Length) Array.Resize(ref _boundaries, _boundaryCount * 2);
            if (_boundaryCount == 0 || _boundaries[_boundaryCount - 1] != il) _boundaries[_boundaryCount++] = il;
        }
        if (!site) return;
        if (_siteLength + 3 > _sites.Length) Array.Resize(ref _sites, _sites.Length * 2);
        _sites[_siteLength] = il;
        _sites[_siteLength + 2] = wasmOffset;
        _siteLength += 3;
        _open = true;
    }

    /// <summary>The open site, if any, ends at <paramref name="il"/>.</summary>
    public void End(int il)
    {
        if (!_open) return;
        _sites[_siteLength - 2] = il;
        _open = false;
    }

    public CilSiteMap Finish(int il, string typeName, string methodName)
    {
        End(il);
        return new CilSiteMap(typeName, methodName, _sites.AsSpan(0, _siteLength).ToArray(), _boundaries.AsSpan(0, _boundaryCount).ToArray(),
            _faultingAccesses == 1 ? _faultingAccess : -1);
    }

    /// <summary>Whether <paramref name="op"/> may trap or call (conservative: a site too many only makes an offset
    /// unknown, a site too few could make it wrong).</summary>
    public static bool IsSite(Opcode op)
    {
        int v = (int)op;
        return v switch
        {
            0x00 => true,                      // unreachable
            >= 0x10 and <= 0x13 => true,       // call, call_indirect, return_call(_indirect)
            0x25 or 0x26 => true,              // table.get/set
            >= 0x28 and <= 0x40 => true,       // loads, stores, memory.size/grow
            >= 0x6D and <= 0x70 => true,       // i32 div/rem
            >= 0x7F and <= 0x82 => true,       // i64 div/rem
            >= 0xA8 and <= 0xAB => true,       // i32.trunc_f*
            >= 0xAE and <= 0xB1 => true,       // i64.trunc_f*
            >= 0x108 and <= 0x1FF => true,     // bulk memory and table operators
            >= 0x200 and <= 0x20B => true,     // v128 loads and stores
            >= 0x254 and <= 0x25D => true,     // v128 lane loads and stores
            _ => false,
        };
    }
}
