namespace WasmSharp.Wasi.Descriptors;

/// <summary>A guest's own descriptor table: numbers are private to the guest and say nothing about host fds.</summary>
internal sealed class FdTable : IDisposable
{
    private readonly SortedDictionary<int, Descriptor> _entries = new();

    public IEnumerable<KeyValuePair<int, Descriptor>> Entries => _entries;

    /// <summary>The entry for <paramref name="fd"/>, or <see cref="Errno.Badf"/>.</summary>
    public Descriptor Get(int fd) =>
        _entries.TryGetValue(fd, out var d) ? d : throw new WasiErrnoException(Errno.Badf);

    public bool Contains(int fd) => _entries.ContainsKey(fd);

    /// <summary>Stores <paramref name="d"/> under the lowest free number.</summary>
    public int Add(Descriptor d)
    {
        int fd = 0;
        foreach (var key in _entries.Keys)
        {
            if (key != fd) break;
            fd++;
        }
        _entries[fd] = d;
        return fd;
    }

    public void Set(int fd, Descriptor d) => _entries[fd] = d;

    public void Close(int fd)
    {
        var d = Get(fd);
        _entries.Remove(fd);
        d.Dispose();
    }

    /// <summary>Moves <paramref name="from"/> onto <paramref name="to"/>, closing what <paramref name="to"/> held.</summary>
    public void Renumber(int from, int to)
    {
        var d = Get(from);
        var old = Get(to);
        if (from == to) return;
        _entries.Remove(from);
        _entries[to] = d;
        old.Dispose();
    }

    public void Dispose()
    {
        foreach (var d in _entries.Values) d.Dispose();
        _entries.Clear();
    }
}
