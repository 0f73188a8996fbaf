using System.Text.RegularExpressions;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// Metered AArch64 code, compiled on any host and decoded with Capstone: every basic block of the
/// <see cref="MeteringPlan"/> gets one charge — the runtime state in one load from the VM context (x28), fuel
/// loaded, the block's cost subtracted with <c>subs</c> (an immediate, or a materialized one beyond add/sub's 12
/// bits), <c>b.mi</c> to the out-of-fuel stub, the fuel stored back — and the code decodes fully. Running it is
/// tests/arm64/fuel.sh's job (qemu, figures compared with x64 and CIL).
/// </summary>
public partial class Arm64FuelTests
{
    private static unsafe string[] Compile(string wat, FuelCosts? costs = null)
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig
        {
            Target = TargetIsa.Arm64, ConsumeFuel = true, FuelCosts = costs ?? FuelCosts.Default,
        });
        using var module = Module.FromBytes(engine, Wat.ToBinary(wat));
        var code = (SinglepassCode)module.Code;
        byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
        var texts = Arm64Check.Disassemble(machine);
        Assert.DoesNotContain(texts, t => t is null or ".invalid" || t.StartsWith(".byte", StringComparison.Ordinal));
        return texts;
    }

    /// <summary>The costs of the charges in <paramref name="texts"/>, in code order; fails on a charge that does not
    /// have the expected shape.</summary>
    private static List<long> Charges(string[] texts)
    {
        var costs = new List<long>();
        for (int i = 0; i < texts.Length; i++)
        {
            var state = RuntimeStateLoad().Match(texts[i]);
            if (!state.Success) continue;
            string s = state.Groups[1].Value;
            // the prologue's stack check loads the runtime state too, for the limit at offset 0
            var load = FuelLoad().Match(texts[i + 1]);
            if (!load.Success || load.Groups[2].Value != s) continue;
            string f = load.Groups[1].Value;
            int j = i + 2;
            long cost;
            var sub = SubImmediate().Match(texts[j]);
            if (sub.Success && sub.Groups[1].Value == f && sub.Groups[2].Value == f)
            {
                cost = ParseImm(sub.Groups[3].Value);
                j++;
            }
            else
            {
                // a cost beyond 12 bits: materialized into a scratch register (movz, movk...), then subtracted
                var mov = MoveWide().Match(texts[j]);
                Assert.True(mov.Success && mov.Groups[1].Value == "z", $"charge at word {i}: '{texts[j]}'");
                string scratch = mov.Groups[2].Value;
                cost = 0;
                for (; (mov = MoveWide().Match(texts[j])).Success && mov.Groups[2].Value == scratch; j++)
                    cost |= ParseImm(mov.Groups[3].Value) << (mov.Groups[4].Success ? (int)ParseImm(mov.Groups[4].Value) : 0);
                Assert.Equal($"subs {f}, {f}, {scratch}", texts[j++]);
            }
            Assert.StartsWith("b.mi #", texts[j++]);
            Assert.Equal($"str {f}, [{s}, #0x30]", texts[j]);
            costs.Add(cost);
        }
        return costs;
    }

    private static long ParseImm(string imm) => imm.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(imm[2..], 16) : long.Parse(imm);

    [GeneratedRegex(@"^ldr (x\d+), \[x28\]$")] private static partial Regex RuntimeStateLoad();
    [GeneratedRegex(@"^ldr (x\d+), \[(x\d+), #0x30\]$")] private static partial Regex FuelLoad();
    [GeneratedRegex(@"^subs (x\d+), (x\d+), #(0x[0-9a-f]+|\d+)$")] private static partial Regex SubImmediate();
    [GeneratedRegex(@"^mov([zk]) (x\d+), #(0x[0-9a-f]+|\d+)(?:, lsl #(\d+))?$")] private static partial Regex MoveWide();

    [Fact]
    public void EveryBasicBlockIsChargedOnceWithItsCost()
    {
        // entry block: local.get, i32.eqz, if = 3; then-arm: i32.const = 1; else-arm: loop header block
        // (local.get, i32.const, i32.sub, local.tee, br_if = 5); after the loop: i32.const = 1
        var texts = Compile("""
            (module (func (export "f") (param $n i32) (result i32)
              local.get $n i32.eqz
              if (result i32)
                i32.const 1
              else
                loop
                  local.get $n i32.const 1 i32.sub local.tee $n br_if 0
                end
                i32.const 2
              end))
            """);
        Assert.Equal([3, 1, 5, 1], Charges(texts));
    }

    [Fact]
    public void LargeCostsAreMaterialized()
    {
        var costs = FuelCosts.Default.WithCost(Opcode.I32Add, 70_000);
        var texts = Compile("(module (func (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))", costs);
        Assert.Equal([70_002], Charges(texts));
    }

    [Fact]
    public void UnmeteredCodeHasNoCharge()
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { Target = TargetIsa.Arm64 });
        using var module = Module.FromBytes(engine, Wat.ToBinary("(module (func (param i32) (result i32) local.get 0))"));
        Assert.True(module.Code.CodeSize > 0);
        var metered = Compile("(module (func (param i32) (result i32) local.get 0))");
        Assert.Equal([1], Charges(metered));
    }
}
