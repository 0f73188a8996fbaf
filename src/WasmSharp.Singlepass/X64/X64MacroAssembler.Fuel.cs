using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.X64;

// Metering: the fuel charge's arithmetic in two instructions.
internal sealed partial class X64MacroAssembler
{
    /// <summary><c>sub value, amount; js target</c>: the subtraction's sign flag is the test (no <c>cmp</c>).</summary>
    public override void SubtractAndBranchIfNegative(Reg value, long amount, Label target)
    {
        if (amount > int.MaxValue)
        {
            base.SubtractAndBranchIfNegative(value, amount, target);
            return;
        }
        _a.Sub(OperandSize.S64, G(value), (int)amount);
        _a.Jcc(Cond.S, target);
    }
}
