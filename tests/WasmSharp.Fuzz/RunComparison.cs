namespace WasmSharp.Fuzz;

/// <summary>Compares one engine's run of a module with the reference's and names the first difference.</summary>
public static class RunComparison
{
    /// <summary>Null when the runs agree; otherwise a one-line description of the first difference.</summary>
    public static string? FirstDifference(ModuleRun reference, ModuleRun other)
    {
        if (reference.Calls.Count != other.Calls.Count)
            return $"{reference.Calls.Count} calls on {reference.Engine}, {other.Calls.Count} on {other.Engine}";
        for (int i = 0; i < reference.Calls.Count; i++)
        {
            var (r, o) = (reference.Calls[i], other.Calls[i]);
            if (r.Result != o.Result || !r.Logs.SequenceEqual(o.Logs))
                return $"call {i} {r.Export}: {reference.Engine} {r}; {other.Engine} {o}";
        }
        if (!reference.Globals.SequenceEqual(other.Globals))
            return $"globals: {reference.Engine} [{string.Join(", ", reference.Globals)}]; {other.Engine} [{string.Join(", ", other.Globals)}]";
        if (MemoryDifference(reference.Memory, other.Memory) is int at)
            return $"memory differs at byte {at} ({reference.Memory.Length} vs {other.Memory.Length} bytes): " +
                $"{reference.Engine} {Bytes(reference.Memory, at)}, {other.Engine} {Bytes(other.Memory, at)}";
        return null;
    }

    private static string Bytes(byte[] memory, int at) =>
        Convert.ToHexString(memory, Math.Min(at, memory.Length), Math.Min(8, memory.Length - Math.Min(at, memory.Length)));

    /// <summary>The first byte where the memories differ other than inside a NaN both hold (payloads may differ).</summary>
    public static int? MemoryDifference(byte[] a, byte[] b)
    {
        if (a.Length != b.Length) return Math.Min(a.Length, b.Length);
        int i = a.AsSpan().CommonPrefixLength(b);
        while (i < a.Length)
        {
            if (a[i] != b[i] && !InsideSharedNaN(a, b, i)) return i;
            i++;
        }
        return null;
    }

    /// <summary>Whether some 4- or 8-byte window covering byte i is a NaN in both memories.</summary>
    private static bool InsideSharedNaN(byte[] a, byte[] b, int i)
    {
        for (int start = Math.Max(0, i - 7); start <= i; start++)
        {
            if (start + 8 <= a.Length && IsNaN64(a, start) && IsNaN64(b, start)) return true;
            if (start >= i - 3 && start + 4 <= a.Length && IsNaN32(a, start) && IsNaN32(b, start)) return true;
        }
        return false;
    }

    private static bool IsNaN32(byte[] m, int at) => float.IsNaN(BitConverter.ToSingle(m, at));
    private static bool IsNaN64(byte[] m, int at) => double.IsNaN(BitConverter.ToDouble(m, at));
}
