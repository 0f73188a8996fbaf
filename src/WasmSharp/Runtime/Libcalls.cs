using System.Runtime.InteropServices;

namespace WasmSharp.Runtime;

/// <summary>
/// Operations compiled code delegates to the runtime (bulk memory, tables, memory.grow, host calls). Each takes
/// the calling context (<see cref="VMContext"/>); those that can trap return a <see cref="TrapKind"/> code (0 = none).
/// Managed code (the CIL compiler) calls these methods; native code calls the same operations through the
/// <c>[UnmanagedCallersOnly]</c> entry points whose addresses <see cref="Native.Table"/> lists by <see cref="LibcallId"/>.
/// </summary>
public static unsafe class Libcalls
{
    private static Instance Of(VMContext* vmctx) => (Instance)GCHandle.FromIntPtr(vmctx->Handle).Target!;

    /// <summary><c>memory.grow</c> of memory 0 by <paramref name="delta"/> pages: the old size in pages, or -1 when it cannot grow
    /// (also when the fuel left cannot pay the per-page cost).</summary>
    public static int MemoryGrow(VMContext* vmctx, uint delta)
    {
        var instance = Of(vmctx);
        long cost = GrowCost(vmctx, instance, delta, static c => c.PerMemoryPage);
        return cost < 0 ? -1 : PayGrow(vmctx, cost, instance.MemoryGrow(delta));
    }

    /// <summary><c>memory.fill</c>: <paramref name="n"/> bytes of <paramref name="value"/> at <paramref name="dst"/>; a trap code or 0.</summary>
    public static int MemoryFill(VMContext* vmctx, uint dst, uint value, uint n) =>
        ChargeMemory(vmctx, n) ?? (int)Of(vmctx).MemoryFill(dst, (byte)value, n);
    /// <summary><c>memory.copy</c> of <paramref name="n"/> bytes from <paramref name="src"/> to <paramref name="dst"/> (overlap allowed); a trap code or 0.</summary>
    public static int MemoryCopy(VMContext* vmctx, uint dst, uint src, uint n) =>
        ChargeMemory(vmctx, n) ?? (int)Of(vmctx).MemoryCopy(dst, src, n);
    /// <summary><c>memory.init</c>: <paramref name="n"/> bytes of data segment <paramref name="segment"/> from <paramref name="src"/> to <paramref name="dst"/>; a trap code or 0.</summary>
    public static int MemoryInit(VMContext* vmctx, uint segment, uint dst, uint src, uint n) =>
        ChargeMemory(vmctx, n) ?? (int)Of(vmctx).MemoryInit(segment, dst, src, n);
    /// <summary><c>data.drop</c>: data segment <paramref name="segment"/> becomes empty.</summary>
    public static void DataDrop(VMContext* vmctx, uint segment) => Of(vmctx).DataDrop(segment);
    /// <summary><c>table.init</c>: <paramref name="n"/> elements of element segment <paramref name="segment"/> from <paramref name="src"/> to <paramref name="dst"/> of <paramref name="table"/>; a trap code or 0.</summary>
    public static int TableInit(VMContext* vmctx, uint table, uint segment, uint dst, uint src, uint n) =>
        ChargeTable(vmctx, n) ?? (int)Of(vmctx).TableInit(table, segment, dst, src, n);
    /// <summary><c>elem.drop</c>: element segment <paramref name="segment"/> becomes empty.</summary>
    public static void ElemDrop(VMContext* vmctx, uint segment) => Of(vmctx).ElemDrop(segment);
    /// <summary><c>table.copy</c> of <paramref name="n"/> elements from <paramref name="srcTable"/>[<paramref name="src"/>] to <paramref name="dstTable"/>[<paramref name="dst"/>]; a trap code or 0.</summary>
    public static int TableCopy(VMContext* vmctx, uint dstTable, uint srcTable, uint dst, uint src, uint n) =>
        ChargeTable(vmctx, n) ?? (int)Of(vmctx).TableCopy(dstTable, srcTable, dst, src, n);
    /// <summary><c>table.fill</c>: <paramref name="n"/> elements of <paramref name="table"/> from <paramref name="dst"/> set to <paramref name="value"/>; a trap code or 0.</summary>
    public static int TableFill(VMContext* vmctx, uint table, uint dst, nint value, uint n) =>
        ChargeTable(vmctx, n) ?? (int)Of(vmctx).TableFill(table, dst, value, n);
    /// <summary><c>table.grow</c> of <paramref name="table"/> by <paramref name="delta"/> elements set to <paramref name="init"/>: the old size, or -1
    /// when it cannot grow (also when the fuel left cannot pay the per-element cost).</summary>
    public static int TableGrow(VMContext* vmctx, uint table, nint init, uint delta)
    {
        var instance = Of(vmctx);
        long cost = GrowCost(vmctx, instance, delta, static c => c.PerTableElement);
        return cost < 0 ? -1 : PayGrow(vmctx, cost, instance.TableGrow(table, init, delta));
    }

    // ---- the variable part of bulk operators' fuel (the fixed part is charged with their basic block) -----------

    private static int? ChargeMemory(VMContext* vmctx, uint n) => ChargeBulk(vmctx, n, static c => c.PerMemoryByte);

    private static int? ChargeTable(VMContext* vmctx, uint n) => ChargeBulk(vmctx, n, static c => c.PerTableElement);

    /// <summary>Takes <paramref name="n"/> units at the table's price before the operator runs; when the fuel cannot
    /// pay, nothing runs and the status is <see cref="TrapKind.OutOfFuel"/> (the remainder stays, as for a block).
    /// Null: charged (or nothing to charge), go on.</summary>
    private static int? ChargeBulk(VMContext* vmctx, uint n, Func<Compilers.FuelCosts, long> price)
    {
        var config = Of(vmctx).Store.Engine.Config;
        if (!config.ConsumeFuel) return null;
        long unit = price(config.FuelCosts);
        if (unit == 0 || n == 0) return null;
        long cost = unit > long.MaxValue / n ? long.MaxValue : unit * n; // a price beyond any budget saturates
        var state = vmctx->Runtime;
        if (state->Fuel < cost) return (int)TrapKind.OutOfFuel;
        state->Fuel -= cost;
        return null;
    }

    // ---- the variable part of memory.grow's and table.grow's fuel --------------------------------------------

    /// <summary>The fuel a grow of <paramref name="delta"/> units costs at its <paramref name="price"/> each (0 when the
    /// engine does not meter), or -1 when the fuel left cannot pay: then the grow fails without running (see
    /// <see cref="Compilers.FuelCosts.PerMemoryPage"/>).</summary>
    private static long GrowCost(VMContext* vmctx, Instance instance, uint delta, Func<Compilers.FuelCosts, long> price)
    {
        var config = instance.Store.Engine.Config;
        if (!config.ConsumeFuel || delta == 0) return 0;
        long unit = price(config.FuelCosts);
        if (unit == 0) return 0;
        long cost = unit > long.MaxValue / delta ? long.MaxValue : unit * delta;
        return vmctx->Runtime->Fuel < cost ? -1 : cost;
    }

    /// <summary>Charges <paramref name="cost"/> for a grow that returned <paramref name="old"/>: only a grow that
    /// succeeded pays.</summary>
    private static int PayGrow(VMContext* vmctx, long cost, int old)
    {
        // the limiter (embedder code) may have set the store's fuel meanwhile: never leave it negative
        if (old >= 0 && cost > 0) vmctx->Runtime->Fuel = Math.Max(0, vmctx->Runtime->Fuel - cost);
        return old;
    }

    /// <summary>Calls a host function: <paramref name="hostCtx"/> is the <see cref="VMFuncRef.Vmctx"/> of its function
    /// reference; arguments and results in <paramref name="area"/> laid out by <see cref="ValueLayout"/>. A non-zero
    /// result is a trap code (<see cref="TrapKind.HostException"/>: the exception is parked on the store).</summary>
    public static int CallHost(VMContext* hostCtx, ulong* area) =>
        ((HostFunction)GCHandle.FromIntPtr(hostCtx->Handle).Target!).Call((byte*)area);

    /// <summary>Native entry points and their code addresses, for native code generators.</summary>
    public static class Native
    {
        [UnmanagedCallersOnly] private static int MemoryGrowEntry(VMContext* c, uint d) => Libcalls.MemoryGrow(c, d);
        [UnmanagedCallersOnly] private static int MemoryFillEntry(VMContext* c, uint d, uint v, uint n) => Libcalls.MemoryFill(c, d, v, n);
        [UnmanagedCallersOnly] private static int MemoryCopyEntry(VMContext* c, uint d, uint s, uint n) => Libcalls.MemoryCopy(c, d, s, n);
        [UnmanagedCallersOnly] private static int MemoryInitEntry(VMContext* c, uint seg, uint d, uint s, uint n) => Libcalls.MemoryInit(c, seg, d, s, n);
        [UnmanagedCallersOnly] private static void DataDropEntry(VMContext* c, uint seg) => Libcalls.DataDrop(c, seg);
        [UnmanagedCallersOnly] private static int TableInitEntry(VMContext* c, uint t, uint seg, uint d, uint s, uint n) => Libcalls.TableInit(c, t, seg, d, s, n);
        [UnmanagedCallersOnly] private static void ElemDropEntry(VMContext* c, uint seg) => Libcalls.ElemDrop(c, seg);
        [UnmanagedCallersOnly] private static int TableCopyEntry(VMContext* c, uint dt, uint st, uint d, uint s, uint n) => Libcalls.TableCopy(c, dt, st, d, s, n);
        [UnmanagedCallersOnly] private static int TableFillEntry(VMContext* c, uint t, uint d, nint v, uint n) => Libcalls.TableFill(c, t, d, v, n);
        [UnmanagedCallersOnly] private static int TableGrowEntry(VMContext* c, uint t, nint init, uint d) => Libcalls.TableGrow(c, t, init, d);
        [UnmanagedCallersOnly] private static int CallHostEntry(VMContext* c, ulong* area) => Libcalls.CallHost(c, area);

        /// <summary>The native entry of each <see cref="LibcallId"/>, in id order; generated code calls through it
        /// (<see cref="VMContext.LibcallTable"/>). Allocated once per process, never freed.</summary>
        public static readonly nint* Table = CreateTable();

        /// <summary>The native entry of <paramref name="id"/>.</summary>
        public static nint Address(LibcallId id) => Table[(int)id];

        /// <summary>Fills <see cref="LibcallId.TrapUnwind"/>: the native compiler provides the unwinder.</summary>
        public static void SetTrapUnwind(nint address) => Table[(int)LibcallId.TrapUnwind] = address;

        private static nint* CreateTable()
        {
            var t = (nint*)NativeMemory.AllocZeroed((nuint)(LibcallIds.Count * sizeof(nint)));
            t[(int)LibcallId.MemoryGrow] = (nint)(delegate* unmanaged<VMContext*, uint, int>)&MemoryGrowEntry;
            t[(int)LibcallId.MemoryFill] = (nint)(delegate* unmanaged<VMContext*, uint, uint, uint, int>)&MemoryFillEntry;
            t[(int)LibcallId.MemoryCopy] = (nint)(delegate* unmanaged<VMContext*, uint, uint, uint, int>)&MemoryCopyEntry;
            t[(int)LibcallId.MemoryInit] = (nint)(delegate* unmanaged<VMContext*, uint, uint, uint, uint, int>)&MemoryInitEntry;
            t[(int)LibcallId.DataDrop] = (nint)(delegate* unmanaged<VMContext*, uint, void>)&DataDropEntry;
            t[(int)LibcallId.TableInit] = (nint)(delegate* unmanaged<VMContext*, uint, uint, uint, uint, uint, int>)&TableInitEntry;
            t[(int)LibcallId.ElemDrop] = (nint)(delegate* unmanaged<VMContext*, uint, void>)&ElemDropEntry;
            t[(int)LibcallId.TableCopy] = (nint)(delegate* unmanaged<VMContext*, uint, uint, uint, uint, uint, int>)&TableCopyEntry;
            t[(int)LibcallId.TableFill] = (nint)(delegate* unmanaged<VMContext*, uint, uint, nint, uint, int>)&TableFillEntry;
            t[(int)LibcallId.TableGrow] = (nint)(delegate* unmanaged<VMContext*, uint, nint, uint, int>)&TableGrowEntry;
            t[(int)LibcallId.CallHost] = (nint)(delegate* unmanaged<VMContext*, ulong*, int>)&CallHostEntry;
            return t;
        }
    }
}
