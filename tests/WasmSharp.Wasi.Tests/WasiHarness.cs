using System.Buffers.Binary;
using System.Text;

namespace WasmSharp.Wasi.Tests;

/// <summary>
/// A WASI context bound to one page of memory in a store with no compiler, and a scratch directory pre-opened as
/// "/" (fd 3). Beside it, outside the sandbox, sits <see cref="OutsideDir"/> with a file "secret" the guest must
/// never reach. Guest pointers: scratch results at 0-255, strings from 1024, buffers from 8192.
/// </summary>
public sealed class WasiHarness : IDisposable
{
    public const int Root = 3;
    public const uint Result = 0, Result2 = 8, Result3 = 16;
    private const uint StringArea = 1024, StringAreaEnd = 8192;

    /// <summary>What a read-only open asks for (works on files and directories alike).</summary>
    public const Rights DefaultRights = Rights.FdRead | Rights.FdSeek | Rights.FdTell | Rights.FdFilestatGet | Rights.FdReaddir | Rights.PathOpen;

    private readonly Store _store;
    private uint _nextString = StringArea;

    public string Base { get; }
    public string SandboxDir { get; }
    public string OutsideDir { get; }
    public Memory Memory { get; }
    public WasiContext Ctx { get; }
    public MemoryStream Stdout { get; } = new();
    public MemoryStream Stderr { get; } = new();

    public WasiHarness(Action<WasiConfig>? configure = null, bool readOnly = false)
    {
        Base = Directory.CreateTempSubdirectory("wasmsharp-wasi-").FullName;
        SandboxDir = Directory.CreateDirectory(Path.Combine(Base, "sandbox")).FullName;
        OutsideDir = Directory.CreateDirectory(Path.Combine(Base, "outside")).FullName;
        File.WriteAllText(Path.Combine(OutsideDir, "secret"), "secret");
        var config = new WasiConfig { Stdout = Stdout, Stderr = Stderr, Stdin = new MemoryStream("input"u8.ToArray()) };
        config.PreopenDirectory(SandboxDir, "/", readOnly);
        configure?.Invoke(config);
        _store = new Store(new Engine(new NoCompiler()));
        Memory = _store.CreateMemory(new MemoryType(new Limits(1, 1)));
        Ctx = new WasiContext(config);
        Ctx.Bind(Memory);
    }

    public string Host(string relative) => Path.Combine(SandboxDir, relative);

    /// <summary>Places a UTF-8 string in guest memory; returns its pointer and byte length.</summary>
    public (uint Ptr, uint Len) Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (_nextString + bytes.Length > StringAreaEnd) _nextString = StringArea;
        uint p = _nextString;
        bytes.CopyTo(Memory.GetSpan(p, bytes.Length));
        _nextString += (uint)bytes.Length + 8;
        return (p, (uint)bytes.Length);
    }

    public uint U32(uint ptr) => BinaryPrimitives.ReadUInt32LittleEndian(Memory.GetSpan(ptr, 4));
    public ulong U64(uint ptr) => BinaryPrimitives.ReadUInt64LittleEndian(Memory.GetSpan(ptr, 8));
    public ushort U16(uint ptr) => BinaryPrimitives.ReadUInt16LittleEndian(Memory.GetSpan(ptr, 2));
    public byte U8(uint ptr) => Memory.GetSpan(ptr, 1)[0];
    public void SetU32(uint ptr, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(Memory.GetSpan(ptr, 4), v);
    public void SetU64(uint ptr, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(Memory.GetSpan(ptr, 8), v);
    public byte[] Bytes(uint ptr, int len) => Memory.GetSpan(ptr, len).ToArray();
    public void SetBytes(uint ptr, ReadOnlySpan<byte> b) => b.CopyTo(Memory.GetSpan(ptr, b.Length));

    /// <summary>path_open relative to <paramref name="dir"/>; returns the errno and the new fd (-1 on error).</summary>
    public (Errno Errno, int Fd) Open(string path, Oflags oflags = Oflags.None, Rights rights = DefaultRights,
        Fdflags fdflags = Fdflags.None, bool follow = false, int dir = Root)
    {
        var (p, l) = Str(path);
        var e = Ctx.PathOpen(dir, follow ? 1u : 0u, p, l, (uint)oflags, (ulong)rights, ulong.MaxValue, (uint)fdflags, Result);
        return (e, e == Errno.Success ? (int)U32(Result) : -1);
    }

    public int OpenOk(string path, Oflags oflags = Oflags.None, Rights rights = DefaultRights,
        Fdflags fdflags = Fdflags.None, bool follow = false, int dir = Root)
    {
        var (e, fd) = Open(path, oflags, rights, fdflags, follow, dir);
        Assert.Equal(Errno.Success, e);
        return fd;
    }

    /// <summary>Writes <paramref name="data"/> through one iovec at 8192; returns the errno and count.</summary>
    public (Errno, uint) Write(int fd, byte[] data)
    {
        SetBytes(8192, data);
        SetU32(64, 8192);
        SetU32(68, (uint)data.Length);
        var e = Ctx.FdWrite(fd, 64, 1, Result);
        return (e, e == Errno.Success ? U32(Result) : 0);
    }

    /// <summary>Writes "hello" and ", world" through two iovecs (the buffers at 9000 and 9100); returns the errno.</summary>
    public Errno WriteHelloWorldGathered(int fd)
    {
        SetBytes(9000, "hello"u8);
        SetBytes(9100, ", world"u8);
        SetU32(64, 9000); SetU32(68, 5);
        SetU32(72, 9100); SetU32(76, 7);
        return Ctx.FdWrite(fd, 64, 2, Result);
    }

    /// <summary>Reads up to <paramref name="max"/> bytes through one iovec at 16384.</summary>
    public (Errno, byte[]) Read(int fd, int max)
    {
        SetU32(64, 16384);
        SetU32(68, (uint)max);
        var e = Ctx.FdRead(fd, 64, 1, Result);
        return (e, e == Errno.Success ? Bytes(16384, (int)U32(Result)) : []);
    }

    public void Dispose()
    {
        Ctx.Dispose();
        _store.Dispose();
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp directory is harmless
        }
    }
}
