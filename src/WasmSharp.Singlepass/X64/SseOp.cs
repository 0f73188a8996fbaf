namespace WasmSharp.Singlepass.X64;

/// <summary>The mandatory prefix of an SSE instruction, valued as VEX.pp.</summary>
internal enum SimdPrefix : byte
{
    None = 0,
    P66 = 1,
    PF3 = 2,
    PF2 = 3,
}

/// <summary>The opcode map of an SSE instruction, valued as VEX.mmmmm.</summary>
internal enum OpcodeMap : byte
{
    M0F = 1,
    M0F38 = 2,
    M0F3A = 3,
}

/// <summary>Which operand shapes an <see cref="SseOp"/> takes.</summary>
internal enum SseForm : byte
{
    /// <summary>The destination register is ModRM.reg, the source (xmm or memory) is r/m.</summary>
    Load,
    /// <summary>The source register is ModRM.reg, the destination (memory or xmm) is r/m: movaps m, x.</summary>
    Store,
    /// <summary>An opcode extension (/digit) is ModRM.reg, the register is r/m, an imm8 follows: psllw x, imm8.</summary>
    ShiftImm,
    /// <summary>VEX four-operand form: a third source register in imm8[7:4] ("is4"): vpblendvb x, x, x/m, x.</summary>
    Is4,
}

/// <summary>Which encodings an <see cref="SseOp"/> exists in.</summary>
[Flags]
internal enum SseEncodings : byte
{
    /// <summary>Legacy SSE: <c>[prefix] [REX] 0F [38|3A] op</c>.</summary>
    Legacy = 1,
    /// <summary>VEX (AVX, AVX2).</summary>
    Vex = 2,
    Both = Legacy | Vex,
}

/// <summary>
/// One SSE/AVX opcode: mandatory prefix, map and opcode byte, plus its <see cref="SseForm"/>.
/// The same entry drives both the legacy SSE encoding (<c>[prefix] [REX] 0F [38|3A] op</c>)
/// and the VEX encoding (prefix and map folded into VEX.pp/mmmmm), so adding an
/// instruction is one line here.
/// </summary>
internal readonly struct SseOp
{
    public readonly SimdPrefix Prefix;
    public readonly OpcodeMap Map;
    public readonly byte Opcode;
    public readonly SseForm Form;
    /// <summary>Opcode extension in ModRM.reg, for <see cref="SseForm.ShiftImm"/>.</summary>
    public readonly byte Digit;
    public readonly SseEncodings Encodings;

    public SseOp(SimdPrefix prefix, OpcodeMap map, byte opcode, SseForm form = SseForm.Load, byte digit = 0, SseEncodings encodings = SseEncodings.Both)
    {
        Prefix = prefix;
        Map = map;
        Opcode = opcode;
        Form = form;
        Digit = digit;
        Encodings = encodings;
    }

    private static SseOp LegacyOnly(SimdPrefix prefix, OpcodeMap map, byte opcode) => new(prefix, map, opcode, encodings: SseEncodings.Legacy);

    private static SseOp VexOnly(SimdPrefix prefix, OpcodeMap map, byte opcode, SseForm form = SseForm.Load) => new(prefix, map, opcode, form, encodings: SseEncodings.Vex);

    private static SseOp Store(SimdPrefix prefix, OpcodeMap map, byte opcode) => new(prefix, map, opcode, SseForm.Store);

    private static SseOp ShiftImm(SimdPrefix prefix, OpcodeMap map, byte opcode, byte digit) => new(prefix, map, opcode, SseForm.ShiftImm, digit);

    private const SimdPrefix __ = SimdPrefix.None;
    private const SimdPrefix _66 = SimdPrefix.P66;
    private const SimdPrefix F3 = SimdPrefix.PF3;
    private const SimdPrefix F2 = SimdPrefix.PF2;
    private const OpcodeMap M0F = OpcodeMap.M0F;
    private const OpcodeMap M38 = OpcodeMap.M0F38;
    private const OpcodeMap M3A = OpcodeMap.M0F3A;

    // ---- moves -----------------------------------------------------------------------------
    public static readonly SseOp Movss = new(F3, M0F, 0x10);
    public static readonly SseOp MovssStore = Store(F3, M0F, 0x11);
    public static readonly SseOp Movsd = new(F2, M0F, 0x10);
    public static readonly SseOp MovsdStore = Store(F2, M0F, 0x11);
    public static readonly SseOp Movaps = new(__, M0F, 0x28);
    public static readonly SseOp MovapsStore = Store(__, M0F, 0x29);
    public static readonly SseOp Movapd = new(_66, M0F, 0x28);
    public static readonly SseOp MovapdStore = Store(_66, M0F, 0x29);
    public static readonly SseOp Movups = new(__, M0F, 0x10);
    public static readonly SseOp MovupsStore = Store(__, M0F, 0x11);
    public static readonly SseOp Movdqa = new(_66, M0F, 0x6F);
    public static readonly SseOp MovdqaStore = Store(_66, M0F, 0x7F);
    public static readonly SseOp Movdqu = new(F3, M0F, 0x6F);
    public static readonly SseOp MovdquStore = Store(F3, M0F, 0x7F);
    /// <summary>movq xmm, xmm/m64 (zero-extends to 128 bits).</summary>
    public static readonly SseOp Movq = new(F3, M0F, 0x7E);
    public static readonly SseOp MovqStore = Store(_66, M0F, 0xD6);

    // ---- scalar and packed float arithmetic ------------------------------------------------
    public static readonly SseOp Addss = new(F3, M0F, 0x58);
    public static readonly SseOp Addsd = new(F2, M0F, 0x58);
    public static readonly SseOp Addps = new(__, M0F, 0x58);
    public static readonly SseOp Addpd = new(_66, M0F, 0x58);
    public static readonly SseOp Subss = new(F3, M0F, 0x5C);
    public static readonly SseOp Subsd = new(F2, M0F, 0x5C);
    public static readonly SseOp Subps = new(__, M0F, 0x5C);
    public static readonly SseOp Subpd = new(_66, M0F, 0x5C);
    public static readonly SseOp Mulss = new(F3, M0F, 0x59);
    public static readonly SseOp Mulsd = new(F2, M0F, 0x59);
    public static readonly SseOp Mulps = new(__, M0F, 0x59);
    public static readonly SseOp Mulpd = new(_66, M0F, 0x59);
    public static readonly SseOp Divss = new(F3, M0F, 0x5E);
    public static readonly SseOp Divsd = new(F2, M0F, 0x5E);
    public static readonly SseOp Divps = new(__, M0F, 0x5E);
    public static readonly SseOp Divpd = new(_66, M0F, 0x5E);
    public static readonly SseOp Sqrtss = new(F3, M0F, 0x51);
    public static readonly SseOp Sqrtsd = new(F2, M0F, 0x51);
    public static readonly SseOp Sqrtps = new(__, M0F, 0x51);
    public static readonly SseOp Sqrtpd = new(_66, M0F, 0x51);
    public static readonly SseOp Minss = new(F3, M0F, 0x5D);
    public static readonly SseOp Minsd = new(F2, M0F, 0x5D);
    public static readonly SseOp Minps = new(__, M0F, 0x5D);
    public static readonly SseOp Minpd = new(_66, M0F, 0x5D);
    public static readonly SseOp Maxss = new(F3, M0F, 0x5F);
    public static readonly SseOp Maxsd = new(F2, M0F, 0x5F);
    public static readonly SseOp Maxps = new(__, M0F, 0x5F);
    public static readonly SseOp Maxpd = new(_66, M0F, 0x5F);
    /// <summary>Compare with predicate imm8 (0=eq, 1=lt, 2=le, 3=unord, 4=neq, 5=nlt, 6=nle, 7=ord).</summary>
    public static readonly SseOp Cmpss = new(F3, M0F, 0xC2);
    public static readonly SseOp Cmpsd = new(F2, M0F, 0xC2);
    public static readonly SseOp Cmpps = new(__, M0F, 0xC2);
    public static readonly SseOp Cmppd = new(_66, M0F, 0xC2);
    /// <summary>Round with imm8 mode (SSE4.1): 0 nearest, 1 down, 2 up, 3 truncate; bit 3 suppresses precision exceptions.</summary>
    public static readonly SseOp Roundss = new(_66, M3A, 0x0A);
    public static readonly SseOp Roundsd = new(_66, M3A, 0x0B);
    public static readonly SseOp Roundps = new(_66, M3A, 0x08);
    public static readonly SseOp Roundpd = new(_66, M3A, 0x09);

    public static readonly SseOp Comiss = new(__, M0F, 0x2F);
    public static readonly SseOp Comisd = new(_66, M0F, 0x2F);
    /// <summary>Duplicates the low f64 into both lanes (f64x2.splat).</summary>
    public static readonly SseOp Movddup = new(F2, M0F, 0x12);
    public static readonly SseOp Unpcklps = new(__, M0F, 0x14);
    public static readonly SseOp Unpckhps = new(__, M0F, 0x15);
    public static readonly SseOp Unpcklpd = new(_66, M0F, 0x14);
    public static readonly SseOp Unpckhpd = new(_66, M0F, 0x15);
    /// <summary>imm8 selects the source lane, destination lane and zero mask.</summary>
    public static readonly SseOp Insertps = new(_66, M3A, 0x21);
    public static readonly SseOp Blendps = new(_66, M3A, 0x0C);
    public static readonly SseOp Blendpd = new(_66, M3A, 0x0D);

    // ---- float bitwise ---------------------------------------------------------------------
    public static readonly SseOp Andps = new(__, M0F, 0x54);
    public static readonly SseOp Andpd = new(_66, M0F, 0x54);
    public static readonly SseOp Andnps = new(__, M0F, 0x55);
    public static readonly SseOp Andnpd = new(_66, M0F, 0x55);
    public static readonly SseOp Orps = new(__, M0F, 0x56);
    public static readonly SseOp Orpd = new(_66, M0F, 0x56);
    public static readonly SseOp Xorps = new(__, M0F, 0x57);
    public static readonly SseOp Xorpd = new(_66, M0F, 0x57);

    // ---- compares setting EFLAGS -----------------------------------------------------------
    public static readonly SseOp Ucomiss = new(__, M0F, 0x2E);
    public static readonly SseOp Ucomisd = new(_66, M0F, 0x2E);

    // ---- conversions (xmm to xmm; the gpr forms have their own methods) --------------------
    public static readonly SseOp Cvtss2sd = new(F3, M0F, 0x5A);
    public static readonly SseOp Cvtsd2ss = new(F2, M0F, 0x5A);
    public static readonly SseOp Cvtps2pd = new(__, M0F, 0x5A);
    public static readonly SseOp Cvtpd2ps = new(_66, M0F, 0x5A);
    public static readonly SseOp Cvtdq2ps = new(__, M0F, 0x5B);
    public static readonly SseOp Cvttps2dq = new(F3, M0F, 0x5B);
    public static readonly SseOp Cvtdq2pd = new(F3, M0F, 0xE6);
    public static readonly SseOp Cvttpd2dq = new(_66, M0F, 0xE6);
    public static readonly SseOp Cvtps2dq = new(_66, M0F, 0x5B);
    public static readonly SseOp Cvtpd2dq = new(F2, M0F, 0xE6);
    internal static readonly SseOp Cvtsi2ss = new(F3, M0F, 0x2A);
    internal static readonly SseOp Cvtsi2sd = new(F2, M0F, 0x2A);
    internal static readonly SseOp Cvttss2si = new(F3, M0F, 0x2C);
    internal static readonly SseOp Cvttsd2si = new(F2, M0F, 0x2C);

    // ---- gpr <-> xmm (used by the named methods) -------------------------------------------
    internal static readonly SseOp MovdToXmm = new(_66, M0F, 0x6E);
    internal static readonly SseOp MovdFromXmm = new(_66, M0F, 0x7E);
    internal static readonly SseOp Pinsrb = new(_66, M3A, 0x20);
    internal static readonly SseOp Pinsrw = new(_66, M0F, 0xC4);
    internal static readonly SseOp Pinsrd = new(_66, M3A, 0x22);
    internal static readonly SseOp Pextrb = new(_66, M3A, 0x14);
    internal static readonly SseOp Pextrw = new(_66, M3A, 0x15);
    internal static readonly SseOp Pextrd = new(_66, M3A, 0x16);
    internal static readonly SseOp Pmovmskb = new(_66, M0F, 0xD7);
    internal static readonly SseOp Movmskps = new(__, M0F, 0x50);
    internal static readonly SseOp Movmskpd = new(_66, M0F, 0x50);

    // ---- packed integer --------------------------------------------------------------------
    public static readonly SseOp Paddb = new(_66, M0F, 0xFC);
    public static readonly SseOp Paddw = new(_66, M0F, 0xFD);
    public static readonly SseOp Paddd = new(_66, M0F, 0xFE);
    public static readonly SseOp Paddq = new(_66, M0F, 0xD4);
    public static readonly SseOp Paddsb = new(_66, M0F, 0xEC);
    public static readonly SseOp Paddsw = new(_66, M0F, 0xED);
    public static readonly SseOp Paddusb = new(_66, M0F, 0xDC);
    public static readonly SseOp Paddusw = new(_66, M0F, 0xDD);
    public static readonly SseOp Psubb = new(_66, M0F, 0xF8);
    public static readonly SseOp Psubw = new(_66, M0F, 0xF9);
    public static readonly SseOp Psubd = new(_66, M0F, 0xFA);
    public static readonly SseOp Psubq = new(_66, M0F, 0xFB);
    public static readonly SseOp Psubsb = new(_66, M0F, 0xE8);
    public static readonly SseOp Psubsw = new(_66, M0F, 0xE9);
    public static readonly SseOp Psubusb = new(_66, M0F, 0xD8);
    public static readonly SseOp Psubusw = new(_66, M0F, 0xD9);
    public static readonly SseOp Pmullw = new(_66, M0F, 0xD5);
    public static readonly SseOp Pmulld = new(_66, M38, 0x40);
    public static readonly SseOp Pmuludq = new(_66, M0F, 0xF4);
    public static readonly SseOp Pmaddwd = new(_66, M0F, 0xF5);
    public static readonly SseOp Pmaddubsw = new(_66, M38, 0x04);
    public static readonly SseOp Pmulhw = new(_66, M0F, 0xE5);
    public static readonly SseOp Pmulhuw = new(_66, M0F, 0xE4);
    public static readonly SseOp Pmuldq = new(_66, M38, 0x28);
    /// <summary>Rounding Q15 multiply (i16x8.q15mulr_sat_s, up to the 0x8000 * 0x8000 case).</summary>
    public static readonly SseOp Pmulhrsw = new(_66, M38, 0x0B);
    public static readonly SseOp Psadbw = new(_66, M0F, 0xF6);
    public static readonly SseOp Pavgb = new(_66, M0F, 0xE0);
    public static readonly SseOp Pavgw = new(_66, M0F, 0xE3);
    public static readonly SseOp Pminsb = new(_66, M38, 0x38);
    public static readonly SseOp Pminsw = new(_66, M0F, 0xEA);
    public static readonly SseOp Pminsd = new(_66, M38, 0x39);
    public static readonly SseOp Pminub = new(_66, M0F, 0xDA);
    public static readonly SseOp Pminuw = new(_66, M38, 0x3A);
    public static readonly SseOp Pminud = new(_66, M38, 0x3B);
    public static readonly SseOp Pmaxsb = new(_66, M38, 0x3C);
    public static readonly SseOp Pmaxsw = new(_66, M0F, 0xEE);
    public static readonly SseOp Pmaxsd = new(_66, M38, 0x3D);
    public static readonly SseOp Pmaxub = new(_66, M0F, 0xDE);
    public static readonly SseOp Pmaxuw = new(_66, M38, 0x3E);
    public static readonly SseOp Pmaxud = new(_66, M38, 0x3F);
    public static readonly SseOp Pabsb = new(_66, M38, 0x1C);
    public static readonly SseOp Pabsw = new(_66, M38, 0x1D);
    public static readonly SseOp Pabsd = new(_66, M38, 0x1E);
    public static readonly SseOp Pand = new(_66, M0F, 0xDB);
    public static readonly SseOp Pandn = new(_66, M0F, 0xDF);
    public static readonly SseOp Por = new(_66, M0F, 0xEB);
    public static readonly SseOp Pxor = new(_66, M0F, 0xEF);
    public static readonly SseOp Ptest = new(_66, M38, 0x17);
    public static readonly SseOp Pcmpeqb = new(_66, M0F, 0x74);
    public static readonly SseOp Pcmpeqw = new(_66, M0F, 0x75);
    public static readonly SseOp Pcmpeqd = new(_66, M0F, 0x76);
    public static readonly SseOp Pcmpeqq = new(_66, M38, 0x29);
    public static readonly SseOp Pcmpgtb = new(_66, M0F, 0x64);
    public static readonly SseOp Pcmpgtw = new(_66, M0F, 0x65);
    public static readonly SseOp Pcmpgtd = new(_66, M0F, 0x66);
    public static readonly SseOp Pcmpgtq = new(_66, M38, 0x37);
    public static readonly SseOp Pshufb = new(_66, M38, 0x00);
    /// <summary>Takes an imm8 shuffle control.</summary>
    public static readonly SseOp Pshufd = new(_66, M0F, 0x70);
    public static readonly SseOp Pshuflw = new(F2, M0F, 0x70);
    public static readonly SseOp Pshufhw = new(F3, M0F, 0x70);
    public static readonly SseOp Shufps = new(__, M0F, 0xC6);
    public static readonly SseOp Pblendw = new(_66, M3A, 0x0E);
    public static readonly SseOp Palignr = new(_66, M3A, 0x0F);
    public static readonly SseOp Punpcklbw = new(_66, M0F, 0x60);
    public static readonly SseOp Punpcklwd = new(_66, M0F, 0x61);
    public static readonly SseOp Punpckldq = new(_66, M0F, 0x62);
    public static readonly SseOp Punpcklqdq = new(_66, M0F, 0x6C);
    public static readonly SseOp Punpckhbw = new(_66, M0F, 0x68);
    public static readonly SseOp Punpckhwd = new(_66, M0F, 0x69);
    public static readonly SseOp Punpckhdq = new(_66, M0F, 0x6A);
    public static readonly SseOp Punpckhqdq = new(_66, M0F, 0x6D);
    public static readonly SseOp Packsswb = new(_66, M0F, 0x63);
    public static readonly SseOp Packuswb = new(_66, M0F, 0x67);
    public static readonly SseOp Packssdw = new(_66, M0F, 0x6B);
    public static readonly SseOp Packusdw = new(_66, M38, 0x2B);
    public static readonly SseOp Pmovsxbw = new(_66, M38, 0x20);
    public static readonly SseOp Pmovsxwd = new(_66, M38, 0x23);
    public static readonly SseOp Pmovsxdq = new(_66, M38, 0x25);
    public static readonly SseOp Pmovsxbd = new(_66, M38, 0x21);
    public static readonly SseOp Pmovsxbq = new(_66, M38, 0x22);
    public static readonly SseOp Pmovsxwq = new(_66, M38, 0x24);
    public static readonly SseOp Pmovzxbw = new(_66, M38, 0x30);
    public static readonly SseOp Pmovzxbd = new(_66, M38, 0x31);
    public static readonly SseOp Pmovzxbq = new(_66, M38, 0x32);
    public static readonly SseOp Pmovzxwq = new(_66, M38, 0x34);
    public static readonly SseOp Pmovzxwd = new(_66, M38, 0x33);
    public static readonly SseOp Pmovzxdq = new(_66, M38, 0x35);

    // ---- variable blends: legacy ones read the mask from an implicit xmm0, VEX ones take it as is4
    public static readonly SseOp Pblendvb = LegacyOnly(_66, M38, 0x10);
    public static readonly SseOp Blendvps = LegacyOnly(_66, M38, 0x14);
    public static readonly SseOp Blendvpd = LegacyOnly(_66, M38, 0x15);
    public static readonly SseOp Vpblendvb = VexOnly(_66, M3A, 0x4C, SseForm.Is4);
    public static readonly SseOp Vblendvps = VexOnly(_66, M3A, 0x4A, SseForm.Is4);
    public static readonly SseOp Vblendvpd = VexOnly(_66, M3A, 0x4B, SseForm.Is4);

    // ---- broadcasts (VEX only; register sources need AVX2) ----------------------------------
    public static readonly SseOp Vpbroadcastb = VexOnly(_66, M38, 0x78);
    public static readonly SseOp Vpbroadcastw = VexOnly(_66, M38, 0x79);
    public static readonly SseOp Vpbroadcastd = VexOnly(_66, M38, 0x58);
    public static readonly SseOp Vpbroadcastq = VexOnly(_66, M38, 0x59);
    public static readonly SseOp Vbroadcastss = VexOnly(_66, M38, 0x18);

    // ---- packed shifts: by the count in an xmm, or by imm8 (/digit forms) ------------------
    public static readonly SseOp Psllw = new(_66, M0F, 0xF1);
    public static readonly SseOp Pslld = new(_66, M0F, 0xF2);
    public static readonly SseOp Psllq = new(_66, M0F, 0xF3);
    public static readonly SseOp Psrlw = new(_66, M0F, 0xD1);
    public static readonly SseOp Psrld = new(_66, M0F, 0xD2);
    public static readonly SseOp Psrlq = new(_66, M0F, 0xD3);
    public static readonly SseOp Psraw = new(_66, M0F, 0xE1);
    public static readonly SseOp Psrad = new(_66, M0F, 0xE2);
    public static readonly SseOp PsllwImm = ShiftImm(_66, M0F, 0x71, 6);
    public static readonly SseOp PslldImm = ShiftImm(_66, M0F, 0x72, 6);
    public static readonly SseOp PsllqImm = ShiftImm(_66, M0F, 0x73, 6);
    public static readonly SseOp PsrlwImm = ShiftImm(_66, M0F, 0x71, 2);
    public static readonly SseOp PsrldImm = ShiftImm(_66, M0F, 0x72, 2);
    public static readonly SseOp PsrlqImm = ShiftImm(_66, M0F, 0x73, 2);
    public static readonly SseOp PsrawImm = ShiftImm(_66, M0F, 0x71, 4);
    public static readonly SseOp PsradImm = ShiftImm(_66, M0F, 0x72, 4);
    /// <summary>Byte shift of the whole register.</summary>
    public static readonly SseOp PslldqImm = ShiftImm(_66, M0F, 0x73, 7);
    public static readonly SseOp PsrldqImm = ShiftImm(_66, M0F, 0x73, 3);
}
