using Iced.Intel;
using WasmSharp.Singlepass.X64;
using Xunit;
using static WasmSharp.Singlepass.Tests.X64.Disasm;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>Every <see cref="SseOp"/> in both encodings (legacy SSE and VEX), over all xmm registers and memory operands.</summary>
public class SseTests
{
    public enum Form
    {
        /// <summary>SSE <c>op x, x/m</c>; AVX <c>vop x, x, x/m</c>.</summary>
        Binary,
        /// <summary>SSE <c>op x, x/m</c>; AVX <c>vop x, x/m</c>.</summary>
        Unary,
        /// <summary>Binary with imm8.</summary>
        BinaryImm,
        /// <summary>Unary with imm8.</summary>
        UnaryImm,
        /// <summary><c>op x/m, x</c>.</summary>
        Store,
        /// <summary>SSE <c>op x, imm8</c>; AVX <c>vop x, x, imm8</c> (opcode extension in ModRM.reg).</summary>
        ShiftImm,
        /// <summary>AVX only: <c>vop x, x, x/m, x</c> with the last register in imm8[7:4].</summary>
        Is4,
    }

    internal sealed record Case(string Name, SseOp Op, Form Form, string Rm)
    {
        public override string ToString() => Name + (Form == Form.Store ? "Store" : Form == Form.ShiftImm ? "Imm" : "") + (Op.Encodings == SseEncodings.Both ? "" : $" ({Op.Encodings})");

        public bool HasLegacy => (Op.Encodings & SseEncodings.Legacy) != 0;

        public bool HasVex => (Op.Encodings & SseEncodings.Vex) != 0;

        private string VexName => "VEX_V" + Name.ToLowerInvariant();

        public Code Legacy => CodeOf(Form switch
        {
            Form.Store => $"{Name}_{Rm}_xmm",
            Form.ShiftImm => $"{Name}_xmm_imm8",
            Form.BinaryImm or Form.UnaryImm => $"{Name}_xmm_{Rm}_imm8",
            _ => $"{Name}_xmm_{Rm}",
        });

        public Code Vex => CodeOf(Form switch
        {
            Form.Store => $"{VexName}_{Rm}_xmm",
            Form.ShiftImm => $"{VexName}_xmm_xmm_imm8",
            Form.Binary => $"{VexName}_xmm_xmm_{Rm}",
            Form.BinaryImm => $"{VexName}_xmm_xmm_{Rm}_imm8",
            Form.Is4 => $"{VexName}_xmm_xmm_{Rm}_xmm",
            Form.UnaryImm => $"{VexName}_xmm_{Rm}_imm8",
            _ => $"{VexName}_xmm_{Rm}",
        });
    }

    private const string M32 = "xmmm32", M64 = "xmmm64", M128 = "xmmm128";

    private static readonly Case[] Cases =
    [
        new("Movaps", SseOp.Movaps, Form.Unary, M128),
        new("Movaps", SseOp.MovapsStore, Form.Store, M128),
        new("Movapd", SseOp.Movapd, Form.Unary, M128),
        new("Movapd", SseOp.MovapdStore, Form.Store, M128),
        new("Movups", SseOp.Movups, Form.Unary, M128),
        new("Movups", SseOp.MovupsStore, Form.Store, M128),
        new("Movdqa", SseOp.Movdqa, Form.Unary, M128),
        new("Movdqa", SseOp.MovdqaStore, Form.Store, M128),
        new("Movdqu", SseOp.Movdqu, Form.Unary, M128),
        new("Movdqu", SseOp.MovdquStore, Form.Store, M128),
        new("Movq", SseOp.Movq, Form.Unary, M64),
        new("Movq", SseOp.MovqStore, Form.Store, M64),
        new("Addss", SseOp.Addss, Form.Binary, M32),
        new("Addsd", SseOp.Addsd, Form.Binary, M64),
        new("Addps", SseOp.Addps, Form.Binary, M128),
        new("Addpd", SseOp.Addpd, Form.Binary, M128),
        new("Subss", SseOp.Subss, Form.Binary, M32),
        new("Subsd", SseOp.Subsd, Form.Binary, M64),
        new("Subps", SseOp.Subps, Form.Binary, M128),
        new("Subpd", SseOp.Subpd, Form.Binary, M128),
        new("Mulss", SseOp.Mulss, Form.Binary, M32),
        new("Mulsd", SseOp.Mulsd, Form.Binary, M64),
        new("Mulps", SseOp.Mulps, Form.Binary, M128),
        new("Mulpd", SseOp.Mulpd, Form.Binary, M128),
        new("Divss", SseOp.Divss, Form.Binary, M32),
        new("Divsd", SseOp.Divsd, Form.Binary, M64),
        new("Divps", SseOp.Divps, Form.Binary, M128),
        new("Divpd", SseOp.Divpd, Form.Binary, M128),
        new("Sqrtss", SseOp.Sqrtss, Form.Binary, M32),
        new("Sqrtsd", SseOp.Sqrtsd, Form.Binary, M64),
        new("Sqrtps", SseOp.Sqrtps, Form.Unary, M128),
        new("Sqrtpd", SseOp.Sqrtpd, Form.Unary, M128),
        new("Minss", SseOp.Minss, Form.Binary, M32),
        new("Minsd", SseOp.Minsd, Form.Binary, M64),
        new("Minps", SseOp.Minps, Form.Binary, M128),
        new("Minpd", SseOp.Minpd, Form.Binary, M128),
        new("Maxss", SseOp.Maxss, Form.Binary, M32),
        new("Maxsd", SseOp.Maxsd, Form.Binary, M64),
        new("Maxps", SseOp.Maxps, Form.Binary, M128),
        new("Maxpd", SseOp.Maxpd, Form.Binary, M128),
        new("Cmpss", SseOp.Cmpss, Form.BinaryImm, M32),
        new("Cmpsd", SseOp.Cmpsd, Form.BinaryImm, M64),
        new("Cmpps", SseOp.Cmpps, Form.BinaryImm, M128),
        new("Cmppd", SseOp.Cmppd, Form.BinaryImm, M128),
        new("Roundss", SseOp.Roundss, Form.BinaryImm, M32),
        new("Roundsd", SseOp.Roundsd, Form.BinaryImm, M64),
        new("Roundps", SseOp.Roundps, Form.UnaryImm, M128),
        new("Roundpd", SseOp.Roundpd, Form.UnaryImm, M128),
        new("Andps", SseOp.Andps, Form.Binary, M128),
        new("Andpd", SseOp.Andpd, Form.Binary, M128),
        new("Andnps", SseOp.Andnps, Form.Binary, M128),
        new("Andnpd", SseOp.Andnpd, Form.Binary, M128),
        new("Orps", SseOp.Orps, Form.Binary, M128),
        new("Orpd", SseOp.Orpd, Form.Binary, M128),
        new("Xorps", SseOp.Xorps, Form.Binary, M128),
        new("Xorpd", SseOp.Xorpd, Form.Binary, M128),
        new("Ucomiss", SseOp.Ucomiss, Form.Unary, M32),
        new("Ucomisd", SseOp.Ucomisd, Form.Unary, M64),
        new("Cvtss2sd", SseOp.Cvtss2sd, Form.Binary, M32),
        new("Cvtsd2ss", SseOp.Cvtsd2ss, Form.Binary, M64),
        new("Cvtps2pd", SseOp.Cvtps2pd, Form.Unary, M64),
        new("Cvtpd2ps", SseOp.Cvtpd2ps, Form.Unary, M128),
        new("Cvtdq2ps", SseOp.Cvtdq2ps, Form.Unary, M128),
        new("Cvttps2dq", SseOp.Cvttps2dq, Form.Unary, M128),
        new("Cvtdq2pd", SseOp.Cvtdq2pd, Form.Unary, M64),
        new("Cvttpd2dq", SseOp.Cvttpd2dq, Form.Unary, M128),
        new("Comiss", SseOp.Comiss, Form.Unary, M32),
        new("Comisd", SseOp.Comisd, Form.Unary, M64),
        new("Movddup", SseOp.Movddup, Form.Unary, M64),
        new("Unpcklps", SseOp.Unpcklps, Form.Binary, M128),
        new("Unpckhps", SseOp.Unpckhps, Form.Binary, M128),
        new("Unpcklpd", SseOp.Unpcklpd, Form.Binary, M128),
        new("Unpckhpd", SseOp.Unpckhpd, Form.Binary, M128),
        new("Insertps", SseOp.Insertps, Form.BinaryImm, M32),
        new("Blendps", SseOp.Blendps, Form.BinaryImm, M128),
        new("Blendpd", SseOp.Blendpd, Form.BinaryImm, M128),
        new("Cvtps2dq", SseOp.Cvtps2dq, Form.Unary, M128),
        new("Cvtpd2dq", SseOp.Cvtpd2dq, Form.Unary, M128),
        new("Pmaddubsw", SseOp.Pmaddubsw, Form.Binary, M128),
        new("Pmulhw", SseOp.Pmulhw, Form.Binary, M128),
        new("Pmulhuw", SseOp.Pmulhuw, Form.Binary, M128),
        new("Pmuldq", SseOp.Pmuldq, Form.Binary, M128),
        new("Pmulhrsw", SseOp.Pmulhrsw, Form.Binary, M128),
        new("Psadbw", SseOp.Psadbw, Form.Binary, M128),
        new("Pblendw", SseOp.Pblendw, Form.BinaryImm, M128),
        new("Palignr", SseOp.Palignr, Form.BinaryImm, M128),
        new("Pmovsxbd", SseOp.Pmovsxbd, Form.Unary, "xmmm32"),
        new("Pmovsxbq", SseOp.Pmovsxbq, Form.Unary, "xmmm16"),
        new("Pmovsxwq", SseOp.Pmovsxwq, Form.Unary, "xmmm32"),
        new("Pmovzxbd", SseOp.Pmovzxbd, Form.Unary, "xmmm32"),
        new("Pmovzxbq", SseOp.Pmovzxbq, Form.Unary, "xmmm16"),
        new("Pmovzxwq", SseOp.Pmovzxwq, Form.Unary, "xmmm32"),
        new("Paddb", SseOp.Paddb, Form.Binary, M128),
        new("Paddw", SseOp.Paddw, Form.Binary, M128),
        new("Paddd", SseOp.Paddd, Form.Binary, M128),
        new("Paddq", SseOp.Paddq, Form.Binary, M128),
        new("Paddsb", SseOp.Paddsb, Form.Binary, M128),
        new("Paddsw", SseOp.Paddsw, Form.Binary, M128),
        new("Paddusb", SseOp.Paddusb, Form.Binary, M128),
        new("Paddusw", SseOp.Paddusw, Form.Binary, M128),
        new("Psubb", SseOp.Psubb, Form.Binary, M128),
        new("Psubw", SseOp.Psubw, Form.Binary, M128),
        new("Psubd", SseOp.Psubd, Form.Binary, M128),
        new("Psubq", SseOp.Psubq, Form.Binary, M128),
        new("Psubsb", SseOp.Psubsb, Form.Binary, M128),
        new("Psubsw", SseOp.Psubsw, Form.Binary, M128),
        new("Psubusb", SseOp.Psubusb, Form.Binary, M128),
        new("Psubusw", SseOp.Psubusw, Form.Binary, M128),
        new("Pmullw", SseOp.Pmullw, Form.Binary, M128),
        new("Pmulld", SseOp.Pmulld, Form.Binary, M128),
        new("Pmuludq", SseOp.Pmuludq, Form.Binary, M128),
        new("Pmaddwd", SseOp.Pmaddwd, Form.Binary, M128),
        new("Pavgb", SseOp.Pavgb, Form.Binary, M128),
        new("Pavgw", SseOp.Pavgw, Form.Binary, M128),
        new("Pminsb", SseOp.Pminsb, Form.Binary, M128),
        new("Pminsw", SseOp.Pminsw, Form.Binary, M128),
        new("Pminsd", SseOp.Pminsd, Form.Binary, M128),
        new("Pminub", SseOp.Pminub, Form.Binary, M128),
        new("Pminuw", SseOp.Pminuw, Form.Binary, M128),
        new("Pminud", SseOp.Pminud, Form.Binary, M128),
        new("Pmaxsb", SseOp.Pmaxsb, Form.Binary, M128),
        new("Pmaxsw", SseOp.Pmaxsw, Form.Binary, M128),
        new("Pmaxsd", SseOp.Pmaxsd, Form.Binary, M128),
        new("Pmaxub", SseOp.Pmaxub, Form.Binary, M128),
        new("Pmaxuw", SseOp.Pmaxuw, Form.Binary, M128),
        new("Pmaxud", SseOp.Pmaxud, Form.Binary, M128),
        new("Pabsb", SseOp.Pabsb, Form.Unary, M128),
        new("Pabsw", SseOp.Pabsw, Form.Unary, M128),
        new("Pabsd", SseOp.Pabsd, Form.Unary, M128),
        new("Pand", SseOp.Pand, Form.Binary, M128),
        new("Pandn", SseOp.Pandn, Form.Binary, M128),
        new("Por", SseOp.Por, Form.Binary, M128),
        new("Pxor", SseOp.Pxor, Form.Binary, M128),
        new("Ptest", SseOp.Ptest, Form.Unary, M128),
        new("Pcmpeqb", SseOp.Pcmpeqb, Form.Binary, M128),
        new("Pcmpeqw", SseOp.Pcmpeqw, Form.Binary, M128),
        new("Pcmpeqd", SseOp.Pcmpeqd, Form.Binary, M128),
        new("Pcmpeqq", SseOp.Pcmpeqq, Form.Binary, M128),
        new("Pcmpgtb", SseOp.Pcmpgtb, Form.Binary, M128),
        new("Pcmpgtw", SseOp.Pcmpgtw, Form.Binary, M128),
        new("Pcmpgtd", SseOp.Pcmpgtd, Form.Binary, M128),
        new("Pcmpgtq", SseOp.Pcmpgtq, Form.Binary, M128),
        new("Pshufb", SseOp.Pshufb, Form.Binary, M128),
        new("Pshufd", SseOp.Pshufd, Form.UnaryImm, M128),
        new("Pshuflw", SseOp.Pshuflw, Form.UnaryImm, M128),
        new("Pshufhw", SseOp.Pshufhw, Form.UnaryImm, M128),
        new("Shufps", SseOp.Shufps, Form.BinaryImm, M128),
        new("Punpcklbw", SseOp.Punpcklbw, Form.Binary, M128),
        new("Punpcklwd", SseOp.Punpcklwd, Form.Binary, M128),
        new("Punpckldq", SseOp.Punpckldq, Form.Binary, M128),
        new("Punpcklqdq", SseOp.Punpcklqdq, Form.Binary, M128),
        new("Punpckhbw", SseOp.Punpckhbw, Form.Binary, M128),
        new("Punpckhwd", SseOp.Punpckhwd, Form.Binary, M128),
        new("Punpckhdq", SseOp.Punpckhdq, Form.Binary, M128),
        new("Punpckhqdq", SseOp.Punpckhqdq, Form.Binary, M128),
        new("Packsswb", SseOp.Packsswb, Form.Binary, M128),
        new("Packuswb", SseOp.Packuswb, Form.Binary, M128),
        new("Packssdw", SseOp.Packssdw, Form.Binary, M128),
        new("Packusdw", SseOp.Packusdw, Form.Binary, M128),
        new("Pmovsxbw", SseOp.Pmovsxbw, Form.Unary, M64),
        new("Pmovsxwd", SseOp.Pmovsxwd, Form.Unary, M64),
        new("Pmovsxdq", SseOp.Pmovsxdq, Form.Unary, M64),
        new("Pmovzxbw", SseOp.Pmovzxbw, Form.Unary, M64),
        new("Pmovzxwd", SseOp.Pmovzxwd, Form.Unary, M64),
        new("Pmovzxdq", SseOp.Pmovzxdq, Form.Unary, M64),
        new("Pblendvb", SseOp.Pblendvb, Form.Binary, M128),
        new("Blendvps", SseOp.Blendvps, Form.Binary, M128),
        new("Blendvpd", SseOp.Blendvpd, Form.Binary, M128),
        new("Pblendvb", SseOp.Vpblendvb, Form.Is4, M128),
        new("Blendvps", SseOp.Vblendvps, Form.Is4, M128),
        new("Blendvpd", SseOp.Vblendvpd, Form.Is4, M128),
        new("Pbroadcastb", SseOp.Vpbroadcastb, Form.Unary, "xmmm8"),
        new("Pbroadcastw", SseOp.Vpbroadcastw, Form.Unary, "xmmm16"),
        new("Pbroadcastd", SseOp.Vpbroadcastd, Form.Unary, "xmmm32"),
        new("Pbroadcastq", SseOp.Vpbroadcastq, Form.Unary, "xmmm64"),
        new("Psllw", SseOp.Psllw, Form.Binary, M128),
        new("Pslld", SseOp.Pslld, Form.Binary, M128),
        new("Psllq", SseOp.Psllq, Form.Binary, M128),
        new("Psrlw", SseOp.Psrlw, Form.Binary, M128),
        new("Psrld", SseOp.Psrld, Form.Binary, M128),
        new("Psrlq", SseOp.Psrlq, Form.Binary, M128),
        new("Psraw", SseOp.Psraw, Form.Binary, M128),
        new("Psrad", SseOp.Psrad, Form.Binary, M128),
        new("Psllw", SseOp.PsllwImm, Form.ShiftImm, ""),
        new("Pslld", SseOp.PslldImm, Form.ShiftImm, ""),
        new("Psllq", SseOp.PsllqImm, Form.ShiftImm, ""),
        new("Psrlw", SseOp.PsrlwImm, Form.ShiftImm, ""),
        new("Psrld", SseOp.PsrldImm, Form.ShiftImm, ""),
        new("Psrlq", SseOp.PsrlqImm, Form.ShiftImm, ""),
        new("Psraw", SseOp.PsrawImm, Form.ShiftImm, ""),
        new("Psrad", SseOp.PsradImm, Form.ShiftImm, ""),
        new("Pslldq", SseOp.PslldqImm, Form.ShiftImm, ""),
        new("Psrldq", SseOp.PsrldqImm, Form.ShiftImm, ""),
    ];

    public static TheoryData<object> All => [.. Cases];

    private static readonly Xmm[] Src1s = [Xmm.Xmm0, Xmm.Xmm5, Xmm.Xmm8, Xmm.Xmm15];
    private static readonly int[] Imms = [0, 1, 0x7F, 0x80, 0xFF];

    [Theory, MemberData(nameof(All))]
    public void LegacyRegisterForms(object cArg)
    {
        Case c = (Case)cArg;
        if (!c.HasLegacy)
            return;
        foreach (Xmm dst in Xmms)
        {
            if (c.Form == Form.ShiftImm)
            {
                foreach (int imm in Imms)
                {
                    Instruction shift = One(a => a.Sse(c.Op, dst, imm));
                    Assert.Equal(c.Legacy, shift.Code);
                    Assert.Equal(X(dst), shift.Op0Register);
                    Assert.Equal((ulong)imm, shift.GetImmediate(1));
                }
                continue;
            }
            foreach (Xmm src in Xmms)
            {
                bool hasImm = c.Form is Form.BinaryImm or Form.UnaryImm;
                Instruction ins = hasImm ? One(a => a.Sse(c.Op, dst, src, 0x5A)) : One(a => a.Sse(c.Op, dst, src));
                Assert.Equal(c.Legacy, ins.Code);
                // A store-form op between registers is still "dst = src".
                Assert.Equal(X(dst), ins.Op0Register);
                Assert.Equal(X(src), ins.Op1Register);
                if (hasImm)
                    Assert.Equal(0x5AUL, ins.GetImmediate(2));
            }
        }
    }

    [Theory, MemberData(nameof(All))]
    public void LegacyMemoryForms(object cArg)
    {
        Case c = (Case)cArg;
        if (c.Form == Form.ShiftImm || !c.HasLegacy)
            return;
        foreach (Mem m in SomeMems())
            foreach (Xmm x in (Xmm[])[Xmm.Xmm0, Xmm.Xmm7, Xmm.Xmm8, Xmm.Xmm15])
            {
                Instruction ins = c.Form switch
                {
                    Form.Store => One(a => a.Sse(c.Op, m, x)),
                    Form.BinaryImm or Form.UnaryImm => One(a => a.Sse(c.Op, x, m, 0xFF)),
                    _ => One(a => a.Sse(c.Op, x, m)),
                };
                Assert.Equal(c.Legacy, ins.Code);
                Assert.Equal(X(x), c.Form == Form.Store ? ins.Op1Register : ins.Op0Register);
                AssertMem(ins, m);
            }
    }

    [Theory, MemberData(nameof(All))]
    public void VexRegisterForms(object cArg)
    {
        Case c = (Case)cArg;
        if (!c.HasVex)
            return;
        foreach (Xmm dst in Xmms)
            foreach (Xmm src in Xmms)
            {
                switch (c.Form)
                {
                    case Form.Binary or Form.BinaryImm:
                        foreach (Xmm src1 in Src1s)
                        {
                            Instruction ins = c.Form == Form.Binary
                                ? One(a => a.Avx(c.Op, dst, src1, src))
                                : One(a => a.Avx(c.Op, dst, src1, src, 0x80));
                            Assert.Equal(c.Vex, ins.Code);
                            Assert.Equal(X(dst), ins.Op0Register);
                            Assert.Equal(X(src1), ins.Op1Register);
                            Assert.Equal(X(src), ins.Op2Register);
                            if (c.Form == Form.BinaryImm)
                                Assert.Equal(0x80UL, ins.GetImmediate(3));
                        }
                        break;
                    case Form.Is4:
                        foreach (Xmm src1 in Src1s)
                            foreach (Xmm mask in (Xmm[])[Xmm.Xmm0, Xmm.Xmm6, Xmm.Xmm9, Xmm.Xmm15])
                            {
                                Instruction ins = One(a => a.Avx(c.Op, dst, src1, src, mask));
                                Assert.Equal(c.Vex, ins.Code);
                                Assert.Equal(X(dst), ins.Op0Register);
                                Assert.Equal(X(src1), ins.Op1Register);
                                Assert.Equal(X(src), ins.Op2Register);
                                Assert.Equal(X(mask), ins.Op3Register);
                            }
                        break;
                    case Form.Unary or Form.Store:
                    {
                        Instruction ins = One(a => a.Avx(c.Op, dst, src));
                        Assert.Equal(c.Vex, ins.Code);
                        Assert.Equal(X(dst), ins.Op0Register);
                        Assert.Equal(X(src), ins.Op1Register);
                        break;
                    }
                    case Form.UnaryImm or Form.ShiftImm:
                    {
                        Instruction ins = One(a => a.Avx(c.Op, dst, src, 7));
                        Assert.Equal(c.Vex, ins.Code);
                        Assert.Equal(X(dst), ins.Op0Register);
                        Assert.Equal(X(src), ins.Op1Register);
                        Assert.Equal(7UL, ins.GetImmediate(2));
                        break;
                    }
                }
            }
    }

    [Theory, MemberData(nameof(All))]
    public void VexMemoryForms(object cArg)
    {
        Case c = (Case)cArg;
        if (c.Form == Form.ShiftImm || !c.HasVex)
            return;
        foreach (Mem m in SomeMems())
            foreach (Xmm x in (Xmm[])[Xmm.Xmm0, Xmm.Xmm9])
            {
                Instruction ins = c.Form switch
                {
                    Form.Binary => One(a => a.Avx(c.Op, x, Xmm.Xmm14, m)),
                    Form.BinaryImm => One(a => a.Avx(c.Op, x, Xmm.Xmm14, m, 3)),
                    Form.Is4 => One(a => a.Avx(c.Op, x, Xmm.Xmm14, m, Xmm.Xmm11)),
                    Form.UnaryImm => One(a => a.Avx(c.Op, x, m, 3)),
                    Form.Store => One(a => a.Avx(c.Op, m, x)),
                    _ => One(a => a.Avx(c.Op, x, m)),
                };
                Assert.Equal(c.Vex, ins.Code);
                Assert.Equal(X(x), c.Form == Form.Store ? ins.Op1Register : ins.Op0Register);
                if (c.Form is Form.Binary or Form.BinaryImm or Form.Is4)
                    Assert.Equal(Register.XMM14, ins.Op1Register);
                if (c.Form == Form.Is4)
                    Assert.Equal(Register.XMM11, ins.Op3Register);
                AssertMem(ins, m);
            }
    }

    [Fact]
    public void ScalarMoves()
    {
        foreach (Xmm dst in Xmms)
            foreach (Xmm src in Xmms)
            {
                Instruction ss = One(a => a.Sse(SseOp.Movss, dst, src));
                Assert.Equal(Code.Movss_xmm_xmmm32, ss.Code);
                Assert.Equal(X(dst), ss.Op0Register);
                Assert.Equal(X(src), ss.Op1Register);
                Instruction sd = One(a => a.Sse(SseOp.Movsd, dst, src));
                Assert.Equal(Code.Movsd_xmm_xmmm64, sd.Code);
                // vmovss/vmovsd register form merges: dst = src2[0], src1[1..3].
                Instruction vss = One(a => a.Avx(SseOp.Movss, dst, Xmm.Xmm3, src));
                Assert.Equal(Code.VEX_Vmovss_xmm_xmm_xmm, vss.Code);
                Assert.Equal(X(src), vss.Op2Register);
                Instruction vsd = One(a => a.Avx(SseOp.Movsd, dst, Xmm.Xmm12, src));
                Assert.Equal(Code.VEX_Vmovsd_xmm_xmm_xmm, vsd.Code);
                Assert.Equal(Register.XMM12, vsd.Op1Register);
            }
        foreach (Mem m in SomeMems())
        {
            Assert.Equal(Code.Movss_xmm_xmmm32, AssertMemOf(One(a => a.Sse(SseOp.Movss, Xmm.Xmm10, m)), m).Code);
            Assert.Equal(Code.Movss_xmmm32_xmm, AssertMemOf(One(a => a.Sse(SseOp.MovssStore, m, Xmm.Xmm10)), m).Code);
            Assert.Equal(Code.Movsd_xmm_xmmm64, AssertMemOf(One(a => a.Sse(SseOp.Movsd, Xmm.Xmm1, m)), m).Code);
            Assert.Equal(Code.Movsd_xmmm64_xmm, AssertMemOf(One(a => a.Sse(SseOp.MovsdStore, m, Xmm.Xmm1)), m).Code);
            Assert.Equal(Code.VEX_Vmovss_xmm_m32, AssertMemOf(One(a => a.Avx(SseOp.Movss, Xmm.Xmm10, m)), m).Code);
            Assert.Equal(Code.VEX_Vmovss_m32_xmm, AssertMemOf(One(a => a.Avx(SseOp.MovssStore, m, Xmm.Xmm10)), m).Code);
            Assert.Equal(Code.VEX_Vmovsd_xmm_m64, AssertMemOf(One(a => a.Avx(SseOp.Movsd, Xmm.Xmm2, m)), m).Code);
            Assert.Equal(Code.VEX_Vmovsd_m64_xmm, AssertMemOf(One(a => a.Avx(SseOp.MovsdStore, m, Xmm.Xmm2)), m).Code);
        }
    }

    [Fact]
    public void Broadcastss()
    {
        foreach (Xmm dst in Xmms)
            foreach (Xmm src in Xmms)
            {
                Instruction ins = One(a => a.Avx(SseOp.Vbroadcastss, dst, src));
                Assert.Equal(Code.VEX_Vbroadcastss_xmm_xmm, ins.Code);
                Assert.Equal(X(dst), ins.Op0Register);
                Assert.Equal(X(src), ins.Op1Register);
            }
        foreach (Mem m in SomeMems())
            Assert.Equal(Code.VEX_Vbroadcastss_xmm_m32, AssertMemOf(One(a => a.Avx(SseOp.Vbroadcastss, Xmm.Xmm13, m)), m).Code);
    }

    private static Instruction AssertMemOf(Instruction ins, Mem m)
    {
        AssertMem(ins, m);
        return ins;
    }

    [Fact]
    public void OpsAreRejectedInOverloadsOfTheWrongShape()
    {
        var a = new X64Assembler();
        Assert.Throws<ArgumentException>(() => a.Sse(SseOp.Addss, Mem.At(Gpr.Rax), Xmm.Xmm0));
        Assert.Throws<ArgumentException>(() => a.Sse(SseOp.MovapsStore, Xmm.Xmm0, Mem.At(Gpr.Rax)));
        Assert.Throws<ArgumentException>(() => a.Sse(SseOp.PsllwImm, Xmm.Xmm0, Xmm.Xmm1));
        Assert.Throws<ArgumentException>(() => a.Sse(SseOp.Paddb, Xmm.Xmm0, 3));
        Assert.Throws<ArgumentException>(() => a.Avx(SseOp.MovdquStore, Xmm.Xmm0, Xmm.Xmm1, Xmm.Xmm2));
        Assert.Throws<ArgumentException>(() => a.Avx(SseOp.Movdqu, Mem.At(Gpr.Rax), Xmm.Xmm1));
        Assert.Throws<ArgumentException>(() => a.Avx(SseOp.Pblendvb, Xmm.Xmm0, Xmm.Xmm1, Xmm.Xmm2));
        Assert.Throws<ArgumentException>(() => a.Sse(SseOp.Vpbroadcastb, Xmm.Xmm0, Xmm.Xmm1));
        Assert.Throws<ArgumentException>(() => a.Avx(SseOp.Vpblendvb, Xmm.Xmm0, Xmm.Xmm1, Xmm.Xmm2));
        Assert.Equal(0, a.Position);
    }

    [Fact]
    public void VexUsesTheTwoBytePrefixWhenItCan()
    {
        // vaddps xmm0, xmm1, xmm2: C5 F0 58 C2
        Assert.Equal([0xC5, 0xF0, 0x58, 0xC2], Bytes(a => a.Avx(SseOp.Addps, Xmm.Xmm0, Xmm.Xmm1, Xmm.Xmm2)));
        // An extended r/m register needs VEX.B, so the 3-byte form: C4 C1 70 58 C0
        Assert.Equal([0xC4, 0xC1, 0x70, 0x58, 0xC0], Bytes(a => a.Avx(SseOp.Addps, Xmm.Xmm0, Xmm.Xmm1, Xmm.Xmm8)));
        // An extended reg only needs VEX.R, which the 2-byte form has: C5 70 58 C2
        Assert.Equal([0xC5, 0x70, 0x58, 0xC2], Bytes(a => a.Avx(SseOp.Addps, Xmm.Xmm8, Xmm.Xmm1, Xmm.Xmm2)));
    }
}
