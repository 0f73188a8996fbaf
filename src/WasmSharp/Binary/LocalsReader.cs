namespace WasmSharp.Binary;

/// <summary>Reads the local declarations at the start of a function body.</summary>
public static class LocalsReader
{
    /// <summary>Implementation limit on locals per function (params included), as in Wasmtime and V8.</summary>
    public const int MaxLocals = 50000;

    /// <summary>
    /// Appends the function's parameter and local types to <paramref name="locals"/> (grown as needed) and returns
    /// the count and the module offset where the code begins.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> body, int bodyOffset, ReadOnlySpan<ValType> parameters,
        ref ValType[] locals, out int codeOffset)
    {
        var r = new WasmReader(body, bodyOffset, "unexpected end of section or function");
        int count = parameters.Length;
        EnsureCapacity(ref locals, count);
        parameters.CopyTo(locals);
        int groups = r.ReadCount(2);
        ulong total = (ulong)count;
        for (int g = 0; g < groups; g++)
        {
            uint n = r.ReadU32();
            var t = ModuleDecoder.ReadValType(ref r);
            total += n;
            if (total > MaxLocals) throw r.Malformed("too many locals");
            EnsureCapacity(ref locals, (int)total);
            locals.AsSpan(count, (int)n).Fill(t);
            count = (int)total;
        }
        codeOffset = r.Offset;
        return count;
    }

    /// <summary>The number of locals, parameters included, of a body that has been validated: the declarations are
    /// read, their types skipped.</summary>
    public static int Count(ReadOnlySpan<byte> body, int bodyOffset, int parameters) =>
        Count(body, bodyOffset, parameters, out _);

    /// <summary><see cref="Count(ReadOnlySpan{byte}, int, int)"/>, also giving the index in <paramref name="body"/>
    /// where the code begins.</summary>
    public static int Count(ReadOnlySpan<byte> body, int bodyOffset, int parameters, out int codeStart)
    {
        var r = new WasmReader(body, bodyOffset, "unexpected end of section or function");
        long count = parameters;
        for (int g = r.ReadCount(2); g > 0; g--)
        {
            count += r.ReadU32();
            r.ReadByte();
        }
        codeStart = r.Offset - bodyOffset;
        return (int)count;
    }

    private static void EnsureCapacity(ref ValType[] buffer, int needed)
    {
        if (buffer.Length < needed) Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
    }
}
