namespace WasmSharp.Singlepass.Arm64;

/// <summary>Element size of a NEON arrangement; the value is the <c>size</c> field (B=8, H=16, S=32, D=64 bits).</summary>
internal enum VSize : byte { B = 0, H = 1, S = 2, D = 3 }

/// <summary>"Three same" integer and logical operations (<c>op vd.T, vn.T, vm.T</c>); the value is U (bit 29) and
/// opcode (bits 15..11). The logical ones take their operation in the size field (see <see cref="NeonLogicOp"/>).</summary>
internal enum Neon3Op : uint
{
    Sqadd = 0b00001u << 11, Uqadd = 1u << 29 | 0b00001u << 11,
    Urhadd = 1u << 29 | 0b00010u << 11,
    Sqsub = 0b00101u << 11, Uqsub = 1u << 29 | 0b00101u << 11,
    Cmgt = 0b00110u << 11, Cmhi = 1u << 29 | 0b00110u << 11,
    Cmge = 0b00111u << 11, Cmhs = 1u << 29 | 0b00111u << 11,
    /// <summary>Shift by the signed low byte of each lane of vm (negative: right); not masked by the lane width.</summary>
    Sshl = 0b01000u << 11, Ushl = 1u << 29 | 0b01000u << 11,
    Smax = 0b01100u << 11, Umax = 1u << 29 | 0b01100u << 11,
    Smin = 0b01101u << 11, Umin = 1u << 29 | 0b01101u << 11,
    Add = 0b10000u << 11, Sub = 1u << 29 | 0b10000u << 11,
    Cmtst = 0b10001u << 11, Cmeq = 1u << 29 | 0b10001u << 11,
    Mul = 0b10011u << 11,
    Sqrdmulh = 1u << 29 | 0b10110u << 11,
    Addp = 0b10111u << 11,
}

/// <summary>Bitwise operations on 16 bytes; the value is U and the size field of the "three same" logical group.</summary>
internal enum NeonLogicOp : uint
{
    And = 0u << 22, Bic = 1u << 22, Orr = 2u << 22, Orn = 3u << 22,
    Eor = 1u << 29 | 0u << 22,
    /// <summary>vd = (vd &amp; vn) | (~vd &amp; vm): vd is the mask.</summary>
    Bsl = 1u << 29 | 1u << 22,
    /// <summary>vd = vn where vm is set, else vd.</summary>
    Bit = 1u << 29 | 2u << 22,
    /// <summary>vd = vn where vm is clear, else vd.</summary>
    Bif = 1u << 29 | 3u << 22,
}

/// <summary>"Three same" floating-point operations; the value is U, a (bit 23) and opcode. The size is sz (bit 22).</summary>
internal enum NeonFp3Op : uint
{
    Fadd = 0b11010u << 11, Fsub = 1u << 23 | 0b11010u << 11,
    Fmul = 1u << 29 | 0b11011u << 11, Fdiv = 1u << 29 | 0b11111u << 11,
    /// <summary>NaN if either is NaN, max(-0, +0) = +0: Wasm's max.</summary>
    Fmax = 0b11110u << 11,
    /// <summary>NaN if either is NaN, min(-0, +0) = -0: Wasm's min.</summary>
    Fmin = 1u << 23 | 0b11110u << 11,
    Fcmeq = 0b11100u << 11, Fcmge = 1u << 29 | 0b11100u << 11, Fcmgt = 1u << 29 | 1u << 23 | 0b11100u << 11,
}

/// <summary>"Two-register miscellaneous" operations (<c>op vd.T, vn.T</c>); the value is U, bit 23 (the float
/// forms' half of the size field) and opcode (bits 16..12). Float ones put sz in bit 22, integer ones size.</summary>
internal enum NeonMiscOp : uint
{
    Rev64 = 0b00000u << 12,
    Saddlp = 0b00010u << 12, Uaddlp = 1u << 29 | 0b00010u << 12,
    /// <summary>Bytes only.</summary>
    Cnt = 0b00101u << 12,
    /// <summary>Bytes only (mvn).</summary>
    Not = 1u << 29 | 0b00101u << 12,
    CmgtZero = 0b01000u << 12, CmeqZero = 0b01001u << 12, CmltZero = 0b01010u << 12, CmgeZero = 1u << 29 | 0b01000u << 12,
    Abs = 0b01011u << 12, Neg = 1u << 29 | 0b01011u << 12,
    /// <summary>Narrowing (size is the destination's): writes the low half and clears the high half; the "2"
    /// form (q) writes the high half and keeps the low half.</summary>
    Xtn = 0b10010u << 12, Sqxtn = 0b10100u << 12, Uqxtn = 1u << 29 | 0b10100u << 12, Sqxtun = 1u << 29 | 0b10010u << 12,
    Fcvtn = 0b10110u << 12, Fcvtl = 0b10111u << 12,
    Frintn = 0b11000u << 12, Frintm = 0b11001u << 12, Frintp = 1u << 23 | 0b11000u << 12, Frintz = 1u << 23 | 0b11001u << 12,
    Fcvtzs = 1u << 23 | 0b11011u << 12, Fcvtzu = 1u << 29 | 1u << 23 | 0b11011u << 12,
    Scvtf = 0b11101u << 12, Ucvtf = 1u << 29 | 0b11101u << 12,
    Fabs = 1u << 23 | 0b01111u << 12, Fneg = 1u << 29 | 1u << 23 | 0b01111u << 12,
    Fsqrt = 1u << 29 | 1u << 23 | 0b11111u << 12,
}

/// <summary>Reductions across the lanes; the value is U and opcode.</summary>
internal enum NeonAcrossOp : uint
{
    Addv = 0b11011u << 12, Umaxv = 1u << 29 | 0b01010u << 12, Uminv = 1u << 29 | 0b11010u << 12,
}

/// <summary>Shifts by an immediate; the value is U and opcode (bits 15..11).</summary>
internal enum NeonShiftImmOp : uint
{
    Sshr = 0b00000u << 11, Ushr = 1u << 29 | 0b00000u << 11, Shl = 0b01010u << 11,
    /// <summary>Widening (sxtl with shift 0); q takes the high half (sshll2).</summary>
    Sshll = 0b10100u << 11, Ushll = 1u << 29 | 0b10100u << 11,
}

/// <summary>Permutes; the value is opcode (bits 14..12).</summary>
internal enum NeonPermuteOp : uint
{
    Uzp1 = 1u << 12, Trn1 = 2u << 12, Zip1 = 3u << 12, Uzp2 = 5u << 12, Trn2 = 6u << 12, Zip2 = 7u << 12,
}
