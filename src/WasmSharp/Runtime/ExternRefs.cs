namespace WasmSharp.Runtime;

/// <summary>
/// A store's externref values: native code holds a handle number (0 = null), this table maps it to the object.
/// Handles that no table, global or element segment holds any more are released by a sweep the store runs between
/// calls (when no Wasm frame can hold one), so a long-lived store that passes many objects does not grow forever.
/// </summary>
internal sealed class ExternRefs
{
    private const int MinSweepCount = 1024;

    private readonly List<object?> _objects = [null];
    private readonly Dictionary<object, nint> _handles = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<int> _free = new();
    private int _sweepAt = MinSweepCount;
    private bool[]? _live;

    /// <summary>Live handles.</summary>
    public int Count => _handles.Count;

    /// <summary>Whether enough handles were made since the last sweep to pay for another.</summary>
    public bool ShouldSweep => _handles.Count >= _sweepAt;

    public nint HandleOf(object? o)
    {
        if (o is null) return 0;
        if (_handles.TryGetValue(o, out var h)) return h;
        if (_free.TryPop(out int slot))
        {
            h = slot;
            _objects[slot] = o;
        }
        else
        {
            h = _objects.Count;
            _objects.Add(o);
        }
        _handles[o] = h;
        return h;
    }

    public object? ObjectOf(nint handle) => handle == 0 ? null : _objects[(int)handle];

    /// <summary>Starts a sweep: every handle not <see cref="Mark"/>ed before <see cref="EndSweep"/> is released.</summary>
    public void BeginSweep() => _live = new bool[_objects.Count];

    public void Mark(nint handle)
    {
        if (handle > 0 && handle < _live!.Length) _live[handle] = true;
    }

    /// <summary>Releases unmarked handles; the next sweep waits until as many handles were made again as this one
    /// scanned, so sweeping costs O(1) per handle made.</summary>
    public void EndSweep(long scanned)
    {
        var live = _live!;
        for (int h = 1; h < live.Length; h++)
        {
            if (live[h] || _objects[h] is not { } o) continue;
            _handles.Remove(o);
            _objects[h] = null;
            _free.Push(h);
        }
        _live = null;
        _sweepAt = (int)Math.Min(int.MaxValue, Math.Max(MinSweepCount, _handles.Count + Math.Max(_handles.Count, scanned)));
    }
}
