using WasmSharp.Binary;

namespace WasmSharp.Cil;

/// <summary>
/// How often each local of a function body is read (<c>local.get</c>), up to twice: a local read once may be the
/// one use RyuJIT substitutes its definition into (see <see cref="FunctionEmitter"/>'s narrow loads). One pass over
/// the operator bytes, linear in the body; the buffer is reused across functions.
/// </summary>
internal sealed class LocalGetCounts
{
    private byte[] _reads = new byte[64];

    /// <summary>Counts the reads in <paramref name="code"/> (a body's operators; <paramref name="codeOffset"/> is the
    /// module offset of its first byte) of its <paramref name="localCount"/> locals. Malformed bytes end the count:
    /// the emitter's walk reports them.</summary>
    public void Count(ReadOnlySpan<byte> code, int codeOffset, int localCount)
    {
        if (_reads.Length < localCount) _reads = new byte[Math.Max(localCount, _reads.Length * 2)];
        Array.Clear(_reads, 0, localCount);
        var reader = new OperatorReader(code, codeOffset);
        var ins = new Instruction();
        try
        {
            while (!reader.AtEnd)
            {
                reader.Read(ref ins);
                if (ins.Opcode == Opcode.LocalGet && ins.Index < (uint)localCount && _reads[ins.Index] < 2) _reads[ins.Index]++;
            }
        }
        catch (MalformedModuleException)
        {
            // the emitter's walk reaches the same bytes and reports them
        }
    }

    /// <summary>How often local <paramref name="index"/> is read: 0, 1, or 2 for twice or more.</summary>
    public int Reads(uint index) => index < (uint)_reads.Length ? _reads[index] : 0;
}
