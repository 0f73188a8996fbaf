namespace WasmSharp.Cil;

/// <summary>
/// Where a CIL-compiled function's frames are in the Wasm code, for backtraces. RyuJIT reports a frame's IL offset
/// as the start of the IL statement holding its call, and (in optimized code) statements start only where the IL
/// stack is empty, which is coarser than Wasm instructions: Wasm values live on the IL stack. So the map keeps the
/// instructions that may call or trap (sites) and the instruction starts where the stack is empty (boundaries): the
/// frame is at a site between its reported offset and the next boundary. When exactly one site is there, that is
/// the frame's instruction; otherwise the offset is unknown, never a guess.
/// </summary>
internal sealed class CilSiteMap(string typeName, string methodName, int[] sites, int[] boundaries, int soleFaultingAccess = -1)
{
    /// <summary>The Wasm offset of the function's only access that traps by faulting (guard pages), or -1 when it has
    /// none or several. A fault's IL offset can be coarser than a throw's (RyuJIT may fold the statement that loads
    /// the memory base into the access), but a fault in a function with one such access is at that access.</summary>
    public int SoleFaultingAccess => soleFaultingAccess;

    /// <summary>Whether the function may trap or call anywhere (if not, inlining it loses no backtrace frame).</summary>
    public bool HasSites => sites.Length > 0;

    /// <summary>The method the function's body was emitted into (a guard or lazy stub may wrap it).</summary>
    public bool IsBody(System.Reflection.MethodBase method) =>
        method.Name == methodName && method.DeclaringType?.Name == typeName;

    /// <summary>The module offset of the frame's instruction for IL offset <paramref name="ilOffset"/> of the body,
    /// or -1 when it is not known exactly.</summary>
    public int WasmOffset(int ilOffset)
    {
        if (ilOffset < 0) return -1;
        int next = Array.BinarySearch(boundaries, ilOffset + 1);
        int end = next >= 0 ? boundaries[next] : ~next < boundaries.Length ? boundaries[~next] : int.MaxValue;
        int found = -1;
        // sites are (IL start, IL end, Wasm offset), in IL order: few lie in one statement, so a scan from the
        // first that may overlap is short
        int i = FirstEndingAfter(ilOffset);
        for (; i < sites.Length && sites[i] < end; i += 3)
        {
            if (found != -1) return -1;
            found = sites[i + 2];
        }
        return found;
    }

    /// <summary>Index of the first site whose IL range ends after <paramref name="ilOffset"/>.</summary>
    private int FirstEndingAfter(int ilOffset)
    {
        int lo = 0, hi = sites.Length / 3;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sites[3 * mid + 1] > ilOffset) hi = mid;
            else lo = mid + 1;
        }
        return 3 * lo;
    }
}
