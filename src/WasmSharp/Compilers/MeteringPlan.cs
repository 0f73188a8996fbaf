using WasmSharp.Binary;

namespace WasmSharp.Compilers;

/// <summary>
/// Where a function body pays for its fuel, and how much: the one definition every compiler follows, so that the
/// same program consumes the same fuel and runs out at the same operator whichever compiler ran it.
/// <para>A body is cut into straight-line runs (basic blocks). A run starts at the body's first operator and right
/// after every operator that can end straight-line execution or be jumped to: <c>loop</c> (its header is a branch
/// target), <c>if</c>, <c>else</c>, <c>end</c>, <c>br_if</c>, <c>br</c>, <c>br_table</c>, <c>return</c>,
/// <c>unreachable</c>, and after calls (a callee, or a host function, may have consumed or refilled fuel). Each run
/// costs the sum of its operators' <see cref="FuelCosts"/> and is charged in full before its first operator runs: if
/// the fuel left is smaller, the run traps "all fuel consumed" without running any of it, so straight-line code can
/// never overrun the budget. A trap inside a run leaves the whole run charged.</para>
/// <para>The plan is computed by one pass over the operator bytes before the compiler's own walk (a charge must be
/// known before the run is compiled); both are linear, and the buffers are reused across functions.</para>
/// </summary>
public sealed class MeteringPlan
{
    private int[] _offsets = new int[64];
    private long[] _costs = new long[64];
    private int _count;
    private int _cursor;

    /// <summary>Plans <paramref name="code"/> (a body's operators, <paramref name="codeOffset"/> being the module
    /// offset of its first byte). Malformed bytes end the plan where they start: the compiler's walk reports them.</summary>
    public void Compute(ReadOnlySpan<byte> code, int codeOffset, FuelCosts costs)
    {
        _count = 0;
        _cursor = 0;
        var reader = new OperatorReader(code, codeOffset);
        var ins = new Instruction();
        bool runStarts = true;
        try
        {
            while (!reader.AtEnd)
            {
                reader.Read(ref ins);
                if (runStarts) StartRun(ins.Offset);
                _costs[_count - 1] += costs[ins.Opcode];
                runStarts = EndsRun(ins.Opcode);
            }
        }
        catch (MalformedModuleException)
        {
            // the compiler's walk reaches the same bytes and reports them
        }
    }

    /// <summary>Fuel to charge before the operator at <paramref name="offset"/>; 0 when no run starts there (or it
    /// is free). Compilers ask for every operator in order, reachable or not.</summary>
    public long ChargeAt(int offset)
    {
        while (_cursor < _count && _offsets[_cursor] < offset) _cursor++;
        if (_cursor < _count && _offsets[_cursor] == offset) return _costs[_cursor++];
        return 0;
    }

    /// <summary>Whether straight-line execution may stop after <paramref name="op"/>, or another path join there.</summary>
    public static bool EndsRun(Opcode op) => op is Opcode.Loop or Opcode.If or Opcode.Else or Opcode.End
        or Opcode.Br or Opcode.BrIf or Opcode.BrTable or Opcode.Return or Opcode.Unreachable
        or Opcode.Call or Opcode.CallIndirect;

    private void StartRun(int offset)
    {
        if (_count == _offsets.Length)
        {
            Array.Resize(ref _offsets, _count * 2);
            Array.Resize(ref _costs, _count * 2);
        }
        _offsets[_count] = offset;
        _costs[_count] = 0;
        _count++;
    }
}
