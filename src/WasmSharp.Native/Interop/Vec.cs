using System.Runtime.InteropServices;

namespace WasmSharp.Native.Interop;

/// <summary>Every <c>wasm_*_vec_t</c>: a size and a pointer to that many elements (values or owned pointers).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Vec
{
    public nuint Size;
    public void* Data;
}

/// <summary>The standard's vec operations, by element size, and for vecs of owned pointers by their copy and
/// delete functions. Element storage comes from NativeMemory so valgrind sees each alloc/free pair.</summary>
internal static unsafe class Vecs
{
    public static void NewEmpty(Vec* v)
    {
        Check(v);
        v->Size = 0;
        v->Data = null;
    }

    /// <summary>Zeroed rather than uninitialized: a vec of pointers deleted before it is filled stays safe.</summary>
    public static void NewUninitialized(Vec* v, nuint size, int elementSize)
    {
        Check(v);
        v->Size = size;
        v->Data = size == 0 ? null : NativeMemory.AllocZeroed(size, (nuint)elementSize);
    }

    public static void New(Vec* v, nuint size, void* data, int elementSize)
    {
        if (size != 0 && data == null) throw new ArgumentNullException(nameof(data), "a non-empty vec needs its elements");
        NewUninitialized(v, size, elementSize);
        if (size != 0) Buffer.MemoryCopy(data, v->Data, size * (nuint)elementSize, size * (nuint)elementSize);
    }

    public static void Copy(Vec* dst, Vec* src, int elementSize)
    {
        Check(src);
        New(dst, src->Size, src->Data, elementSize);
    }

    /// <summary>Deep copy of a vec of owned pointers.</summary>
    public static void CopyPointers(Vec* dst, Vec* src, delegate*<void*, void*> copy)
    {
        Check(src);
        NewUninitialized(dst, src->Size, sizeof(nint));
        for (nuint i = 0; i < src->Size; i++) ((void**)dst->Data)[i] = copy(((void**)src->Data)[i]);
    }

    public static void Delete(Vec* v)
    {
        if (v == null) return;
        NativeMemory.Free(v->Data);
        v->Data = null;
        v->Size = 0;
    }

    /// <summary>Deletes each owned element, then the vec.</summary>
    public static void DeletePointers(Vec* v, delegate*<void*, void> delete)
    {
        if (v == null) return;
        for (nuint i = 0; i < v->Size; i++) delete(((void**)v->Data)[i]);
        Delete(v);
    }

    public static ReadOnlySpan<T> Span<T>(Vec* v) where T : unmanaged
    {
        Check(v);
        if (v->Size != 0 && v->Data == null) throw new ArgumentException("vec has a size but no data");
        return new ReadOnlySpan<T>(v->Data, checked((int)v->Size));
    }

    public static T* At<T>(Vec* v, int i) where T : unmanaged => (T*)((T**)v->Data)[i];

    private static void Check(Vec* v)
    {
        if (v == null) throw new ArgumentNullException(nameof(v), "vec pointer is NULL");
    }
}
