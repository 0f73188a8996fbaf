using System.Runtime.InteropServices;
using WasmSharp.Runtime.Native;

namespace WasmSharp.Runtime;

/// <summary>
/// Owns a store's native state: the <see cref="RuntimeState"/> (the handle value), every VM context, function
/// reference, table and global cell, the memories' address-space reservations, the weak GC handles native code
/// uses to find managed objects, and a reference to each module's code the store's instances run.
/// <para>Reference counted (the <see cref="SafeHandle"/> protocol): a call into Wasm, an <see cref="Store.Interrupt"/>
/// and every host-side access to native memory hold a reference, so <see cref="Store.Dispose"/> racing with them on
/// another thread only marks the store closed, and the last user frees. A store dropped without Dispose is freed
/// by this handle's (critical) finalizer: nothing native holds the store strongly.</para>
/// </summary>
internal sealed unsafe class StoreHandle : SafeHandle
{
    private readonly Lock _gate = new();
    private readonly List<nint> _allocations = new();
    private readonly List<nint> _tables = new();
    private readonly List<(nint Base, nuint Size)> _reservations = new();
    private readonly List<GCHandle> _handles = new();
    private readonly HashSet<Module> _modules = new(ReferenceEqualityComparer.Instance);

    public StoreHandle() : base(0, ownsHandle: true)
    {
        SetHandle((nint)AllocateZeroed(sizeof(RuntimeState)));
    }

    public override bool IsInvalid => handle == 0;

    public RuntimeState* Runtime => (RuntimeState*)handle;

    /// <summary>Takes a reference; throws <see cref="ObjectDisposedException"/> once the store is disposed.</summary>
    public void AddRef()
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw new ObjectDisposedException(nameof(Store), "the store has been disposed");
        }
    }

    /// <summary>Takes a reference unless the store is disposed.</summary>
    public bool TryAddRef()
    {
        if (IsClosed) return false;
        try
        {
            AddRef();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Release() => DangerousRelease();

    /// <summary>Zeroed native memory, freed with the store.</summary>
    public void* Allocate(int bytes)
    {
        void* p = AllocateZeroed(bytes);
        lock (_gate) _allocations.Add((nint)p);
        return p;
    }

    private static void* AllocateZeroed(int bytes)
    {
        nuint size = (nuint)Math.Max(bytes, 16);
        void* p = NativeMemory.AlignedAlloc(size, 16);
        NativeMemory.Clear(p, size);
        return p;
    }

    /// <summary>A table whose element array (reallocated as it grows) is freed with the store.</summary>
    public void AddTable(TableDef* def)
    {
        lock (_gate) _tables.Add((nint)def);
    }

    public void AddReservation(nint address, nuint size)
    {
        lock (_gate) _reservations.Add((address, size));
    }

    /// <summary>A weak handle: native code finds <paramref name="target"/> through it while the store (which holds
    /// the target strongly) is alive, without the handle keeping the store alive.</summary>
    public nint NewWeakHandle(object target)
    {
        var h = GCHandle.Alloc(target, GCHandleType.Weak);
        lock (_gate) _handles.Add(h);
        return GCHandle.ToIntPtr(h);
    }

    /// <summary>Keeps <paramref name="module"/>'s code alive until the store is freed (once per module).</summary>
    public void Use(Module module)
    {
        lock (_gate)
        {
            if (_modules.Contains(module)) return;
            module.AddCodeReference();
            _modules.Add(module);
        }
    }

    protected override bool ReleaseHandle()
    {
        lock (_gate)
        {
            foreach (var h in _handles) h.Free();
            foreach (var t in _tables) NativeMemory.Free(((TableDef*)t)->Elements);
            foreach (var (address, size) in _reservations) MemoryReservations.Release(address, size);
            foreach (var p in _allocations) NativeMemory.AlignedFree((void*)p);
            foreach (var m in _modules) m.ReleaseCodeReference();
            _handles.Clear();
            _tables.Clear();
            _reservations.Clear();
            _allocations.Clear();
            _modules.Clear();
        }
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}

/// <summary>A reference to a store's native state held for the length of one operation (<c>using var lease =
/// store.Lease();</c>): the state cannot be freed under it, even by a Dispose on another thread.</summary>
internal readonly ref struct StoreLease
{
    private readonly StoreHandle _handle;

    public StoreLease(StoreHandle handle)
    {
        handle.AddRef();
        _handle = handle;
    }

    public void Dispose() => _handle.Release();
}
