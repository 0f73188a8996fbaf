namespace WasmSharp.Singlepass.Arm64;

/// <summary>AArch64 with AAPCS64 (Linux). No optional features are used: the base ISA has everything scalar Wasm
/// needs (cnt/addv for popcount are in Advanced SIMD, which every AArch64 Linux CPU has).</summary>
internal sealed class Arm64Target : Target
{
    public static readonly Arm64Target Instance = new();
    /// <summary>One set of stubs per process, as on x86-64 (the fault handler and the unwinder live there).</summary>
    private static readonly Lazy<Arm64Stubs> SharedStubs = new(() => new Arm64Stubs());

    private Arm64Target() { }

    public override TargetIsa Isa => TargetIsa.Arm64;
    public override TargetOs Os => TargetOs.Linux;
    public override string Name => "aarch64";

    public override CodeGen.MacroAssembler CreateMacroAssembler(bool guardPages) => new Arm64MacroAssembler(guardPages);

    internal override RuntimeStubs Stubs => SharedStubs.Value;
}
