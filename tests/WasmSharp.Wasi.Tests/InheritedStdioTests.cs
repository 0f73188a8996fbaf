using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using WasmSharp.Wasi.Descriptors;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Wasi.Tests;

/// <summary>The host's own descriptors as the guest's stdio (what <c>InheritStdio</c> gives): fd_fdstat_get tells
/// the truth about them, and write errors reach the guest as the kernel reports them.</summary>
public class InheritedStdioTests
{
    /// <summary>A harness whose fd 1 is host descriptor <paramref name="hostFd"/> (borrowed, never closed).</summary>
    private static WasiHarness WithStdout(int hostFd)
    {
        var h = new WasiHarness();
        h.Ctx.Fds.Set(1, InheritedStdio.Open(hostFd, readable: false));
        return h;
    }

    private static (Filetype Type, Rights Base) Fdstat(WasiHarness h, int fd)
    {
        Assert.Equal(Errno.Success, h.Ctx.FdFdstatGet(fd, 100));
        return ((Filetype)h.U8(100), (Rights)h.U64(108));
    }

    private static int Fd(SafeHandle handle) => (int)handle.DangerousGetHandle();

    [Fact]
    public void APipeIsUnknownAndCannotSeek()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var h = WithStdout(Fd(pipe.SafePipeHandle));
        var (type, rights) = Fdstat(h, 1);
        Assert.Equal(Filetype.Unknown, type); // preview1 has no FIFO type; Wasmtime says unknown too
        Assert.Equal(Rights.None, rights & (Rights.FdSeek | Rights.FdTell));
        Assert.True(rights.HasFlag(Rights.FdWrite));
    }

    [Fact]
    public void ARegularFileIsARegularFileThatSeeks()
    {
        string path = Path.GetTempFileName();
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Write);
        using var h = WithStdout(Fd(file));
        var (type, rights) = Fdstat(h, 1);
        Assert.Equal(Filetype.RegularFile, type);
        Assert.Equal(Rights.FdSeek | Rights.FdTell, rights & (Rights.FdSeek | Rights.FdTell));
        Assert.Equal((Errno.Success, 5u), h.Write(1, "hello"u8.ToArray()));
        Assert.Equal(Errno.Success, h.Ctx.FdTell(1, WasiHarness.Result));
        Assert.Equal(5UL, h.U64(WasiHarness.Result));
        file.Dispose();
        Assert.Equal("hello", File.ReadAllText(path));
        File.Delete(path);
    }

    [Fact]
    public void DevNullIsACharacterDeviceButNotATerminal()
    {
        // wasi-libc's isatty: a character device *without* seek and tell rights
        using var devnull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        using var h = WithStdout(Fd(devnull));
        var (type, rights) = Fdstat(h, 1);
        Assert.Equal(Filetype.CharacterDevice, type);
        Assert.NotEqual(Rights.None, rights & (Rights.FdSeek | Rights.FdTell));
    }

    [Fact]
    public void WritingToDevFullIsEnospc()
    {
        using var full = File.OpenHandle("/dev/full", FileMode.Open, FileAccess.Write);
        using var h = WithStdout(Fd(full));
        Assert.Equal(Errno.NoSpc, h.Write(1, "x"u8.ToArray()).Item1);
    }

    [Fact]
    public void AClosedPipeIsEpipeUntilTheGuestIgnoresItTooOften()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        pipe.DisposeLocalCopyOfClientHandle(); // no reader left
        using var h = WithStdout(Fd(pipe.SafePipeHandle));
        for (int i = 1; i < WasiContext.BrokenPipeWritesAllowed; i++) Assert.Equal(Errno.Pipe, h.Write(1, "y\n"u8.ToArray()).Item1);
        var exit = Assert.Throws<WasiExitException>(() => h.Write(1, "y\n"u8.ToArray()));
        Assert.Equal(WasiContext.BrokenPipeExitCode, exit.ExitCode);
        Assert.Equal(141, h.Ctx.ExitCode);
    }

    [Fact]
    public void EveryIovecGoesOutInOneWriteInOrder()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, pipe.ClientSafePipeHandle);
        using var h = WithStdout(Fd(pipe.SafePipeHandle));
        Assert.Equal(Errno.Success, h.WriteHelloWorldGathered(1));
        Assert.Equal(12u, h.U32(WasiHarness.Result));
        var buf = new byte[12];
        reader.ReadExactly(buf);
        Assert.Equal("hello, world"u8.ToArray(), buf);
    }

    [Fact]
    public void ClosingAndFlagChangesLeaveTheHostDescriptorAlone()
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        int fd = Fd(pipe.SafePipeHandle);
        using (var h = WithStdout(fd))
        {
            // the file description is shared with whoever started us: O_NONBLOCK would outlive the guest
            Assert.Equal(Errno.NotSup, h.Ctx.FdFdstatSetFlags(1, (uint)Fdflags.Nonblock));
            Assert.Equal(Errno.Success, h.Ctx.FdFdstatSetFlags(1, 0));
            Assert.Equal(Errno.Success, h.Ctx.FdClose(1));
        }
        Assert.Equal(0, Posix.fcntl(fd, Posix.F_GETFL, 0) & Posix.O_NONBLOCK);
        pipe.WriteByte(1); // still open
    }

    [Theory]
    [InlineData(28, Errno.NoSpc)]
    [InlineData(32, Errno.Pipe)]
    [InlineData(5, Errno.Io)]
    [InlineData(11, Errno.Again)]
    [InlineData(95, Errno.NotSup)]
    [InlineData(96, Errno.AfNoSupport)]
    [InlineData(108, Errno.Pipe)]
    [InlineData(112, Errno.HostUnreach)]
    [InlineData(62, Errno.TimedOut)]
    [InlineData(61, Errno.Io)] // ENODATA: no WASI counterpart
    public void LinuxErrnoMapsToItsWasiNamesake(int linux, Errno wasi) => Assert.Equal(wasi, ErrnoMap.FromLinux(linux));
}
