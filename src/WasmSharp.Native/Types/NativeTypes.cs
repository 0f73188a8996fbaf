using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

// The type-reflection objects are plain native structs (no managed object behind them): they are values the
// C program owns, copies and deletes. Each extern type starts with its kind, so wasm_functype_as_externtype is a cast.

/// <summary><c>wasm_valkind_t</c>, the standard's numbering (v128 is this library's extension).</summary>
internal enum ValKind : byte { I32 = 0, I64 = 1, F32 = 2, F64 = 3, V128 = 4, AnyRef = 128, FuncRef = 129 }

/// <summary><c>wasm_externkind_t</c>, the standard's numbering (not the binary format's).</summary>
internal enum CExternKind : byte { Func = 0, Global = 1, Table = 2, Memory = 3 }

[StructLayout(LayoutKind.Sequential)]
internal struct ValTypeN
{
    public ValKind Kind;
}

[StructLayout(LayoutKind.Sequential)]
internal struct LimitsN
{
    public uint Min;
    public uint Max;
    public const uint NoMax = 0xffff_ffff;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ExternTypeN
{
    public CExternKind Kind;
}

[StructLayout(LayoutKind.Sequential)]
internal struct FuncTypeN
{
    public ExternTypeN Header;
    public Vec Params;
    public Vec Results;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GlobalTypeN
{
    public ExternTypeN Header;
    public ValTypeN* Content;
    public byte Mutability;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct TableTypeN
{
    public ExternTypeN Header;
    public ValTypeN* Element;
    public LimitsN Limits;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MemoryTypeN
{
    public ExternTypeN Header;
    public LimitsN Limits;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ImportTypeN
{
    public Vec Module;
    public Vec Name;
    public ExternTypeN* Type;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ExportTypeN
{
    public Vec Name;
    public ExternTypeN* Type;
}
