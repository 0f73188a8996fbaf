using System.Text;
using Gee.External.Capstone;
using Gee.External.Capstone.Arm64;
using WasmSharp.Singlepass.Arm64;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Arm64;

/// <summary>
/// Collects (emit, expected disassembly) cases, assembles them all into one buffer and decodes it once with
/// Capstone, an independent AArch64 disassembler. A case may emit several words; its expected text then
/// joins them with "; ". Invalid words decode as ".byte" (skip-data mode) and fail the comparison.
/// </summary>
internal sealed class Arm64Check
{
    private readonly Arm64Assembler _asm = new();
    private readonly List<(int Start, int End, string Expected)> _cases = [];

    public Arm64Assembler Asm => _asm;

    /// <summary>Adds one case: <paramref name="emit"/> writes the instructions that must read as <paramref name="expected"/>.</summary>
    public void Add(string expected, Action<Arm64Assembler> emit)
    {
        int start = _asm.Position;
        emit(_asm);
        Assert.True(_asm.Position > start, $"nothing emitted for '{expected}'");
        _cases.Add((start, _asm.Position, expected));
    }

    /// <summary>Decodes everything and compares case by case; returns the number of instruction words checked.</summary>
    public int Verify()
    {
        byte[] code = _asm.Buffer.ToArray();
        var texts = Disassemble(code);
        var failures = new StringBuilder();
        int failed = 0;
        foreach (var (start, end, expected) in _cases)
        {
            string actual = string.Join("; ", Enumerable.Range(start / 4, (end - start) / 4).Select(i => texts[i]));
            if (actual != expected && failed++ < 20)
                failures.AppendLine($"expected '{expected}' got '{actual}' ({Words(code, start, end)})");
        }
        Assert.True(failed == 0, $"{failed} of {_cases.Count} cases differ:\n{failures}");
        Assert.True(_cases.Count > 0, "no cases");
        return code.Length / 4;
    }

    private static string Words(byte[] code, int start, int end) =>
        string.Join(" ", Enumerable.Range(start / 4, (end - start) / 4).Select(i => BitConverter.ToUInt32(code, i * 4).ToString("x8")));

    /// <summary>One text per 4-byte word: "mnemonic operands", as Capstone prints it.</summary>
    public static string[] Disassemble(byte[] code)
    {
        using var disassembler = CapstoneDisassembler.CreateArm64Disassembler(Arm64DisassembleMode.Arm);
        disassembler.EnableSkipDataMode = true;
        Arm64Instruction[] instructions = disassembler.Disassemble(code, 0);
        var texts = new string[code.Length / 4];
        foreach (Arm64Instruction ins in instructions)
        {
            Assert.True(ins.Bytes.Length == 4, $"{ins.Mnemonic} has {ins.Bytes.Length} bytes");
            texts[ins.Address / 4] = ins.IsSkippedData ? ".invalid" : (ins.Mnemonic + " " + ins.Operand).Trim();
        }
        return texts;
    }

    // ---- expected-text helpers ----

    public static string X(XReg r, RegWidth w = RegWidth.X) => r switch
    {
        XReg.Sp => w == RegWidth.X ? "sp" : "wsp",
        XReg.Zr => w == RegWidth.X ? "xzr" : "wzr",
        _ => (w == RegWidth.X ? "x" : "w") + (int)r,
    };

    public static string W(XReg r) => X(r, RegWidth.W);

    public static string V(VReg r, FpSize s) => (s == FpSize.D ? "d" : "s") + (int)r;

    /// <summary>Capstone prints immediates above 9 in hex, negative ones as -0x...</summary>
    public static string Imm(long value) => value < 0 ? (value > -10 ? $"#{value}" : $"#-0x{-value:x}") : value > 9 ? $"#0x{value:x}" : $"#{value}";

    public static readonly XReg[] Gprs = [.. Enumerable.Range(0, 31).Select(i => (XReg)i)];
    public static readonly XReg[] GprsAndZr = [.. Gprs, XReg.Zr];
    public static readonly XReg[] GprsAndSp = [.. Gprs, XReg.Sp];
    public static readonly VReg[] Vregs = Enum.GetValues<VReg>();
    public static readonly RegWidth[] Widths = [RegWidth.W, RegWidth.X];
    public static readonly FpSize[] FpSizes = [FpSize.S, FpSize.D];

    /// <summary>A few registers for sweeps that multiply many operands: the edges of each group and the specials.</summary>
    public static readonly XReg[] SomeGprs = [XReg.X0, XReg.X1, XReg.X7, XReg.X15, XReg.X16, XReg.X29, XReg.X30];

    public static readonly VReg[] SomeVregs = [VReg.V0, VReg.V1, VReg.V7, VReg.V8, VReg.V15, VReg.V16, VReg.V31];

    public static string Lower(Enum e) => e.ToString().ToLowerInvariant();
}
