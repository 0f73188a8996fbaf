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
            if (!Same(r.Result, o.Result) || r.Logs.Count != o.Logs.Count || r.Logs.Zip(o.Logs).Any(p => !Same(p.First, p.Second)))
                return $"call {i} {r.Export}: {reference.Engine} {r}; {other.Engine} {o}";
        }
        if (reference.Globals.Count != other.Globals.Count || reference.Globals.Zip(other.Globals).Any(p => !Same(p.First, p.Second)))
            return $"globals: {reference.Engine} [{string.Join(", ", reference.Globals)}]; {other.Engine} [{string.Join(", ", other.Globals)}]";
        if (MemoryDifference(reference.Memory, other.Memory) is int at)
            return $"memory differs at byte {at} ({reference.Memory.Length} vs {other.Memory.Length} bytes): " +
                $"{reference.Engine} {Bytes(reference.Memory, at)}, {other.Engine} {Bytes(other.Memory, at)}";
        return null;
    }

    /// <summary>Whether two observations (space-separated values) agree: equal text, except that a v128 may differ
    /// inside lanes that hold a NaN in both (scalars already print every NaN as "nan").</summary>
    public static bool Same(string a, string b)
    {
        if (a == b) return true;
        string[] x = a.Split(' '), y = b.Split(' ');
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++)
            if (x[i] != y[i] && !(V128Bytes(x[i]) is { } u && V128Bytes(y[i]) is { } v && MemoryDifference(u, v) is null))
                return false;
        return true;
    }

    /// <summary>The 16 bytes of a <see cref="Outcomes.V128"/> value (in memory order), or null for other text.</summary>
    private static byte[]? V128Bytes(string value)
    {
        const string prefix = "v128:0x";
        int at = value.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0 || value.Length - at - prefix.Length != 32) return null;
        var bytes = Convert.FromHexString(value.AsSpan(at + prefix.Length));
        Array.Reverse(bytes); // printed high byte first
        return bytes;
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
