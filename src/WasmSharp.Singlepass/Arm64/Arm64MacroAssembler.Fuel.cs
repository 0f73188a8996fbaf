using WasmSharp.Singlepass.CodeGen;

namespace WasmSharp.Singlepass.Arm64;

// Metering: the fuel charge's arithmetic in two instructions.
internal sealed partial class Arm64MacroAssembler
{
    /// <summary><c>subs value, value, #amount; b.mi target</c> (a cost beyond add/sub's immediates is materialized
    /// into a scratch register first).</summary>
    public override void SubtractAndBranchIfNegative(Reg value, long amount, Label target)
    {
        Island();
        XReg v = X(value);
        if (AddSubImmediate.IsEncodable((ulong)amount))
            _a.AddSubImm(AddSubOp.Subs, RegWidth.X, v, v, (ulong)amount);
        else
        {
            using var s = Scratch();
            _a.AddSub(AddSubOp.Subs, RegWidth.X, v, v, Materialize(true, amount, s));
        }
        BCond(Cond.Mi, target);
    }
}
