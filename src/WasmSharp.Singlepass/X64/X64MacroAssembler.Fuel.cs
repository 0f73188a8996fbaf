using WasmSharp.Runtime;
using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

// Metering: the fuel lives in r13 while Wasm code runs (see MacroAssembler.Fuel.cs). r13 is callee-saved in both
// System V and Microsoft x64, so libcalls and host calls keep it, and the entry trampoline saves the host's.
internal sealed partial class X64MacroAssembler
{
    /// <summary>The fuel register when metering (otherwise an ordinary allocatable register).</summary>
    internal const Gpr FuelReg = Gpr.R13;

    private Reg[] _ints = Ints;

    public override void PinFuelRegister() => _ints = [.. Ints.Where(r => G(r) != FuelReg)];

    /// <summary><c>cmp r13, cost; jl outOfFuel; sub r13, cost</c>: the compare fuses with its branch and the
    /// register is left alone on the trapping path.</summary>
    public override void ChargeFuel(long cost, Label outOfFuel)
    {
        if (cost <= int.MaxValue)
        {
            _a.Cmp(OperandSize.S64, FuelReg, (int)cost);
            _a.Jcc(Cond.L, outOfFuel);
            _a.Sub(OperandSize.S64, FuelReg, (int)cost);
            return;
        }
        using var s = Scratch();
        var c = Tmp(s);
        _a.Mov(OperandSize.S64, c, cost);
        _a.Cmp(OperandSize.S64, FuelReg, c);
        _a.Jcc(Cond.L, outOfFuel);
        _a.Sub(OperandSize.S64, FuelReg, c);
    }

    public override void SaveFuel()
    {
        using var s = Scratch();
        var runtime = Tmp(s);
        _a.Mov(OperandSize.S64, runtime, Mem.At(Vmctx, VMOffsets.VmctxRuntime));
        _a.Mov(OperandSize.S64, Mem.At(runtime, VMOffsets.RuntimeFuel), FuelReg);
    }

    public override void ReloadFuel()
    {
        using var s = Scratch();
        var runtime = Tmp(s);
        _a.Mov(OperandSize.S64, runtime, Mem.At(Vmctx, VMOffsets.VmctxRuntime));
        _a.Mov(OperandSize.S64, FuelReg, Mem.At(runtime, VMOffsets.RuntimeFuel));
    }
}
