using WasmSharp.Binary;

namespace WasmSharp.Compilers;

/// <summary>
/// What each operator costs in fuel when metering is on (<see cref="EngineConfig.ConsumeFuel"/>). Immutable: an
/// embedder derives its own table with <see cref="WithCost"/>. The default follows Wasmtime's: structural operators
/// that do no work (<c>nop</c>, <c>drop</c>, <c>block</c>, <c>loop</c>, <c>else</c>, <c>end</c>, <c>unreachable</c>,
/// <c>return</c>) cost 0, every other operator 1. Bulk and grow operators may also pay per unit of work when they
/// run (<see cref="PerMemoryByte"/>, <see cref="PerTableElement"/>, <see cref="PerMemoryPage"/>; 0 by default, as in
/// Wasmtime). These variable costs are charged by the runtime functions every compiler calls for those operators,
/// so they are the same whichever compiler ran the code.
/// </summary>
public sealed record FuelCosts
{
    /// <summary>Room for every <see cref="Opcode"/> value (prefixed opcodes are numbered up to 0x2FF).</summary>
    private const int OpcodeSpace = 0x300;

    private readonly int[] _costs;

    /// <summary>Wasmtime's costs: 1 per operator, 0 for <c>nop</c>, <c>drop</c>, <c>block</c>, <c>loop</c>,
    /// <c>else</c>, <c>end</c>, <c>unreachable</c> and <c>return</c>, nothing per bulk byte or element.</summary>
    public static FuelCosts Default { get; } = CreateDefault();

    /// <summary>Fuel per byte of <c>memory.copy</c>, <c>memory.fill</c> and <c>memory.init</c>, charged before the
    /// operator touches memory (after its fixed cost, with its block).</summary>
    public long PerMemoryByte { get; init => field = NonNegative(value); }

    /// <summary>Fuel per element of <c>table.copy</c>, <c>table.fill</c> and <c>table.init</c>, charged likewise; and
    /// per element a <c>table.grow</c> adds, charged as <see cref="PerMemoryPage"/> is.</summary>
    public long PerTableElement { get; init => field = NonNegative(value); }

    /// <summary>Fuel per 64 KiB page a <c>memory.grow</c> adds, charged only when the grow succeeds. A grow the fuel
    /// left cannot pay for fails (returns -1, as any refused grow does) and consumes nothing beyond its block's fixed
    /// cost: the guest sees an ordinary out-of-memory, and the metering stays exact.</summary>
    public long PerMemoryPage { get; init => field = NonNegative(value); }

    private static long NonNegative(long price)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(price);
        return price;
    }

    private FuelCosts(int[] costs) => _costs = costs;

    /// <summary>The fixed cost of <paramref name="op"/>, charged with the basic block it belongs to.</summary>
    public int this[Opcode op] => (uint)op < OpcodeSpace ? _costs[(int)op] : 1;

    /// <summary>A copy of this table where <paramref name="op"/> costs <paramref name="cost"/>.</summary>
    public FuelCosts WithCost(Opcode op, int cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        if ((uint)op >= OpcodeSpace) throw new ArgumentOutOfRangeException(nameof(op));
        var copy = (int[])_costs.Clone();
        copy[(int)op] = cost;
        return new FuelCosts(copy) { PerMemoryByte = PerMemoryByte, PerTableElement = PerTableElement, PerMemoryPage = PerMemoryPage };
    }

    /// <summary>A key that is equal for equal tables (code compiled under one runs correctly under the other).</summary>
    public string Key() => $"{string.Join(',', _costs)};{PerMemoryByte};{PerTableElement};{PerMemoryPage}";

    private static FuelCosts CreateDefault()
    {
        var costs = new int[OpcodeSpace];
        Array.Fill(costs, 1);
        foreach (var op in (Opcode[])[Opcode.Nop, Opcode.Drop, Opcode.Block, Opcode.Loop, Opcode.Else, Opcode.End, Opcode.Unreachable, Opcode.Return])
            costs[(int)op] = 0;
        return new FuelCosts(costs);
    }
}
