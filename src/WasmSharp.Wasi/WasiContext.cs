using System.Text;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi;

/// <summary>
/// One guest's WASI state: arguments, environment and its own descriptor table (0-2 the standard streams, then the
/// pre-opened directories from 3). Its functions need the guest's exported memory, which exists only after
/// instantiation: <see cref="Define(Linker, WasiConfig)"/> before, <see cref="Bind(Instance)"/> after.
/// Like the store it serves, a context is used by one thread at a time. Disposing it closes the host descriptors
/// it opened (never inherited stdio).
/// </summary>
public sealed partial class WasiContext : IDisposable
{
    private readonly FdTable _fds = new();
    private readonly byte[][] _args;
    private readonly byte[][] _environ;
    private GuestMemory? _memory;

    /// <exception cref="PlatformNotSupportedException">Neither Linux nor Windows.</exception>
    /// <exception cref="DirectoryNotFoundException">A pre-opened directory cannot be opened.</exception>
    public WasiContext(WasiConfig config)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("WASI in WasmSharp needs Linux or Windows");
        _args = config.Args.Select(Encoding.UTF8.GetBytes).ToArray();
        _environ = config.Environment.Select(kv => Encoding.UTF8.GetBytes(kv.Key + "=" + kv.Value)).ToArray();
        try
        {
            AddStdio(config);
            foreach (var p in config.Preopens) AddPreopen(p);
        }
        catch
        {
            _fds.Dispose();
            throw;
        }
    }

    /// <summary>Points the WASI functions at the guest's memory.</summary>
    public void Bind(Memory memory) => _memory = new GuestMemory(memory);

    /// <summary>Binds to the instance's exported "memory", as every WASI command module has.</summary>
    public void Bind(Instance instance)
    {
        if (!TryBind(instance)) throw new InvalidOperationException("the module exports no \"memory\": WASI needs it");
    }

    /// <summary>Binds to the instance's exported "memory" if there is one. A module without it can still run:
    /// only a WASI call that needs memory then fails (Wasmtime runs such modules too).</summary>
    public bool TryBind(Instance instance)
    {
        if (instance.GetMemory("memory") is not { } memory) return false;
        Bind(memory);
        return true;
    }

    internal GuestMemory Mem => _memory ??
        throw new InvalidOperationException("a WASI function needs the guest's memory, but the module exports no \"memory\" (or WasiContext.Bind was not called)");

    internal FdTable Fds => _fds;

    private void AddStdio(WasiConfig c)
    {
        _fds.Set(0, Stdio(0, c.Stdin, c.InheritStdin, () => new MemoryStream()));
        _fds.Set(1, Stdio(1, c.Stdout, c.InheritStdout, () => Stream.Null));
        _fds.Set(2, Stdio(2, c.Stderr, c.InheritStderr, () => Stream.Null));
    }

    private static Descriptor Stdio(int number, Stream? given, bool inherit, Func<Stream> empty)
    {
        bool readable = number == 0;
        if (given is null && inherit) return OperatingSystem.IsWindows() ? WindowsStdio.Open(number, readable) : InheritedStdio.Open(number, readable);
        // the guest's entry owns only what we made; caller-supplied streams stay open. Neither is a terminal, so
        // wasi-libc buffers fully (a character device without seek rights would read as one).
        return new StreamDescriptor(given ?? empty(), readable, ownsStream: given is null, Filetype.Unknown)
        {
            Base = readable ? RightSets.Stdin : RightSets.Stdout,
        };
    }

    private void AddPreopen(WasiPreopen p)
    {
        string host = Path.GetFullPath(p.HostPath);
        if (OperatingSystem.IsWindows())
        {
            AddWindowsPreopen(p, host);
            return;
        }
        HostFd fd;
        try
        {
            fd = HostFd.OpenAt(-100 /* AT_FDCWD */, host, Posix.O_RDONLY | Posix.O_DIRECTORY);
        }
        catch (WasiErrnoException e)
        {
            throw new DirectoryNotFoundException($"cannot pre-open {host} as \"{p.GuestPath}\": {e.Errno}");
        }
        var all = RightSets.Directory | RightSets.RegularFile;
        var mask = p.ReadOnly ? ~RightSets.Mutating : ~Rights.None;
        _fds.Add(new HostDescriptor(fd, Filetype.Directory, RightSets.Directory & mask, all & mask) { PreopenName = p.GuestPath });
    }

    /// <summary>Runs a WASI function body: an errno thrown anywhere inside becomes its result.</summary>
    private static Errno Guard(Action body)
    {
        try
        {
            body();
            return Errno.Success;
        }
        catch (WasiErrnoException e)
        {
            return e.Errno;
        }
        catch (IOException)
        {
            return Errno.Io;
        }
        catch (NotSupportedException)
        {
            return Errno.NotSup;
        }
        catch (ObjectDisposedException)
        {
            return Errno.Badf;
        }
        catch (UnauthorizedAccessException)
        {
            return Errno.Acces;
        }
    }

    /// <summary>The host-backed entry <paramref name="fd"/> (EBADF if none; stdio streams are not host-backed).</summary>
    private HostDescriptor Host(int fd, Rights needed)
    {
        var d = _fds.Get(fd);
        d.Require(needed);
        return d as HostDescriptor ?? throw new WasiErrnoException(Errno.Badf);
    }

    /// <summary>The directory entry <paramref name="fd"/> (ENOTDIR when it is a file).</summary>
    private HostDescriptor Dir(int fd, Rights needed)
    {
        var d = _fds.Get(fd);
        if (d is not HostDescriptor { IsDirectory: true } h) throw new WasiErrnoException(Errno.NotDir);
        h.Require(needed);
        return h;
    }

    /// <summary>Closes every descriptor the guest still holds (pre-opened directories, opened files).</summary>
    public void Dispose() => _fds.Dispose();
}
