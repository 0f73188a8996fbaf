using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace WasmSharp.Cil;

// Lane loads and stores at an address the emitter has formed inline without a bounds check (guard-page mode,
// FunctionEmitter.SimdMemory): an access out of bounds faults in the guard region. Narrower lane loads are a scalar
// load then a replace_lane.
public static unsafe partial class SimdOps
{
    /// <summary><c>v128.load64_lane</c> at an address formed inline: lane <paramref name="lane"/> of <paramref
    /// name="v"/> replaced by the doubleword at <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Load64LaneAt(byte* p, V v, int lane) => B(As<ulong>(v).WithElement(lane, Unsafe.ReadUnaligned<ulong>(p)));
    /// <summary><c>v128.store8_lane</c> at an address formed inline: byte lane <paramref name="lane"/> of <paramref
    /// name="v"/> to <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8LaneAt(byte* p, V v, int lane) => *p = v.GetElement(lane);
    /// <summary><c>v128.store16_lane</c> at an address formed inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16LaneAt(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, As<ushort>(v).GetElement(lane));
    /// <summary><c>v128.store32_lane</c> at an address formed inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store32LaneAt(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, As<uint>(v).GetElement(lane));
    /// <summary><c>v128.store64_lane</c> at an address formed inline.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store64LaneAt(byte* p, V v, int lane) => Unsafe.WriteUnaligned(p, As<ulong>(v).GetElement(lane));
}
