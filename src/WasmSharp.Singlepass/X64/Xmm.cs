namespace WasmSharp.Singlepass.X64;

/// <summary>An SSE/AVX register (the 128-bit view), numbered as in the ModRM/REX/VEX encoding.</summary>
internal enum Xmm : byte
{
    Xmm0, Xmm1, Xmm2, Xmm3, Xmm4, Xmm5, Xmm6, Xmm7,
    Xmm8, Xmm9, Xmm10, Xmm11, Xmm12, Xmm13, Xmm14, Xmm15,
}
