using System.Text.RegularExpressions;
using WasmSharp.Binary;
using WasmSharp.Compilers;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// Metered AArch64 code, compiled on any host and decoded with Capstone: every basic block of the
/// <see cref="MeteringPlan"/> gets one charge against the fuel register x26 — <c>cmp x26</c> with the block's cost
/// (an immediate, or a materialized one beyond add/sub's 12 bits), <c>b.lt</c> to the out-of-fuel stub, then
/// <c>sub</c> — nothing else writes x26, and the code decodes fully. Running it is tests/arm64/fuel.sh's job (qemu,
/// figures compared with x64 and CIL).
/// </summary>
public partial class Arm64FuelTests
{
    private static unsafe string[] Compile(string wat, FuelCosts? costs = null, bool metered = true)
    {
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig
        {
            Target = TargetIsa.Arm64, ConsumeFuel = metered, FuelCosts = costs ?? FuelCosts.Default,
        });
        using var module = Module.FromBytes(engine, Wat.ToBinary(wat));
        var code = (SinglepassCode)module.Code;
        byte[] machine = new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize).ToArray();
        var texts = Arm64Check.Disassemble(machine);
        Assert.DoesNotContain(texts, t => t is null or ".invalid" || t.StartsWith(".byte", StringComparison.Ordinal));
        return texts;
    }

    /// <summary>The costs of the charges in <paramref name="texts"/>, in code order; fails on a charge that does not
    /// have the expected shape, or on any other write of the fuel register except its reload after a libcall.</summary>
    private static List<long> Charges(string[] texts)
    {
        var costs = new List<long>();
        for (int i = 0; i < texts.Length; i++)
        {
            var cmp = CompareImmediate().Match(texts[i]);
            long cost;
            int j = i + 1;
            if (cmp.Success) cost = ParseImm(cmp.Groups[1].Value);
            else if (texts[i].StartsWith("cmp x26, ", StringComparison.Ordinal))
            {
                // a cost beyond 12 bits: materialized into a scratch register (movz, movk...) just before
                string scratch = texts[i]["cmp x26, ".Length..];
                int k = i - 1;
                while (k >= 0 && MoveWide().Match(texts[k]) is { Success: true } m && m.Groups[2].Value == scratch && m.Groups[1].Value == "k") k--;
                var first = MoveWide().Match(texts[k]);
                Assert.True(first.Success && first.Groups[1].Value == "z" && first.Groups[2].Value == scratch, $"charge at word {i}: '{texts[k]}'");
                cost = 0;
                for (; k < i; k++)
                {
                    var mov = MoveWide().Match(texts[k]);
                    cost |= ParseImm(mov.Groups[3].Value) << (mov.Groups[4].Success ? (int)ParseImm(mov.Groups[4].Value) : 0);
                }
                Assert.StartsWith("b.lt #", texts[j++]);
                Assert.Equal($"sub x26, x26, {scratch}", texts[j]);
                costs.Add(cost);
                i = j;
                continue;
            }
            else
            {
                Assert.False(WritesFuelRegister(texts[i]) && !texts[i].StartsWith("ldr x26, [x", StringComparison.Ordinal), $"word {i} writes x26: '{texts[i]}'");
                continue;
            }
            Assert.StartsWith("b.lt #", texts[j++]);
            Assert.Equal($"sub x26, x26, #{cmp.Groups[1].Value}", texts[j]);
            costs.Add(cost);
            i = j;
        }
        return costs;
    }

    private static bool WritesFuelRegister(string text) =>
        text.Contains(" x26,", StringComparison.Ordinal) && !text.StartsWith("str", StringComparison.Ordinal) && !text.StartsWith("cmp", StringComparison.Ordinal)
        || text.Contains(" w26,", StringComparison.Ordinal);

    private static long ParseImm(string imm) => imm.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt64(imm[2..], 16) : long.Parse(imm);

    [GeneratedRegex(@"^cmp x26, #(0x[0-9a-f]+|\d+)$")] private static partial Regex CompareImmediate();
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
        var unmetered = Compile("(module (func (param i32) (result i32) local.get 0))", metered: false);
        Assert.DoesNotContain(unmetered, t => t.StartsWith("cmp x26", StringComparison.Ordinal));
        var metered = Compile("(module (func (param i32) (result i32) local.get 0))");
        Assert.Equal([1], Charges(metered));
    }

    [Fact]
    public void TheFuelRegisterIsNeverAllocated()
    {
        // more live values than the allocatable registers without x26, and a libcall (memory.grow) in between
        var body = string.Concat(Enumerable.Range(0, 40).Select(i => $"(i64.load offset={8 * i} (i32.const 0)) "));
        var adds = string.Concat(Enumerable.Repeat("i64.add ", 39));
        var texts = Compile($"(module (memory 1) (func (result i64) {body} (drop (memory.grow (i32.const 1))) {adds}))");
        Assert.NotEmpty(Charges(texts));
        Assert.Contains(texts, t => t.StartsWith("str x26, [x", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("ldr x26, [x", StringComparison.Ordinal));
    }
}
