namespace WasmSharp.Native.Interop;

/// <summary>Pointers cannot be generic arguments, so guarded bodies return nint and the entry point casts back.</summary>
internal static unsafe class Pointers
{
    public static T* ToPointer<T>(this nint p) where T : unmanaged => (T*)p;
}
