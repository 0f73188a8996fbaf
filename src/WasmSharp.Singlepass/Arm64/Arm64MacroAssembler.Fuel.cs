using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

// Metering: the fuel lives in x26 while Wasm code runs (see MacroAssembler.Fuel.cs). x26 is callee-saved in AAPCS64,
// so libcalls and host calls keep it, and the entry trampoline saves the host's.
internal sealed partial class Arm64MacroAssembler
{
    /// <summary>The fuel register when metering (otherwise an ordinary allocatable register).</summary>
    internal const XReg FuelReg = XReg.X26;

    private Reg[] _ints = Ints;

    public override void PinFuelRegister() => _ints = [.. Ints.Where(r => X(r) != FuelReg)];

    /// <summary><c>cmp x26, #cost; b.lt outOfFuel; sub x26, x26, #cost</c> (a cost beyond add/sub's immediates is
    /// materialized into a scratch register first): the register is left alone on the trapping path.</summary>
    public override void ChargeFuel(long cost, Label outOfFuel)
    {
        Island();
        if (AddSubImmediate.IsEncodable((ulong)cost))
        {
            _a.CmpImm(RegWidth.X, FuelReg, (ulong)cost);
            BCond(Cond.Lt, outOfFuel);
            _a.SubImm(RegWidth.X, FuelReg, FuelReg, (ulong)cost);
            return;
        }
        using var s = Scratch();
        var c = Materialize(true, cost, s);
        _a.Cmp(RegWidth.X, FuelReg, c);
        BCond(Cond.Lt, outOfFuel);
        _a.AddSub(AddSubOp.Sub, RegWidth.X, FuelReg, FuelReg, c);
    }

    public override void SaveFuel()
    {
        using var s = Scratch();
        var runtime = X(s.Int());
        _a.Mem(MemOp.LdrX, runtime, Vmctx, VMOffsets.VmctxRuntime);
        _a.Mem(MemOp.StrX, FuelReg, runtime, VMOffsets.RuntimeFuel);
    }

    public override void ReloadFuel()
    {
        using var s = Scratch();
        var runtime = X(s.Int());
        _a.Mem(MemOp.LdrX, runtime, Vmctx, VMOffsets.VmctxRuntime);
        _a.Mem(MemOp.LdrX, FuelReg, runtime, VMOffsets.RuntimeFuel);
    }
}
