using WasmSharp.Wasi;
using WasmSharp.Wasi.Native;

namespace WasmSharp.Emscripten;

/// <summary>
/// The <c>__syscall_*</c> imports: emcc's glue runs them on its in-memory FS; here they run on the host directories
/// mapped with --dir/--mapdir, through the same descriptor table and sandboxed resolver as WASI's path calls.
/// Each returns a result or -errno (emcc's errno numbers are WASI's).
/// </summary>
internal sealed partial class EmscriptenEnv
{
    private const int AtFdcwd = -100;

    private delegate int SyscallBody(ReadOnlySpan<Value> a);

    /// <summary>A syscall: an errno thrown anywhere inside becomes its negated result.</summary>
    private static void S(Dictionary<string, HostDef> d, string name, string ps, SyscallBody body) =>
        F(d, "__syscall_" + name, ps, "i", (a, r) => r[0] = Value.I32(Errors(body, a)));

    private static int Errors(SyscallBody body, ReadOnlySpan<Value> a)
    {
        try
        {
            return body(a);
        }
        catch (WasiErrnoException e)
        {
            return -(int)e.Errno;
        }
        catch (IOException)
        {
            return -(int)Errno.Io;
        }
    }

    private void AddSyscalls(Dictionary<string, HostDef> d)
    {
        S(d, "open", "iii", a => Open(AtFdcwd, U(a, 0), a[1].AsInt32(), U(a, 2)));
        S(d, "openat", "iiii", a => Open(a[0].AsInt32(), U(a, 1), a[2].AsInt32(), U(a, 3)));
        S(d, "stat64", "ii", a => Stat(AtFdcwd, U(a, 0), U(a, 1), follow: true, allowEmpty: false));
        S(d, "lstat64", "ii", a => Stat(AtFdcwd, U(a, 0), U(a, 1), follow: false, allowEmpty: false));
        S(d, "fstat64", "ii", a => Fstat(a[0].AsInt32(), U(a, 1)));
        S(d, "fstatat64", "iiii", a => Stat(a[0].AsInt32(), U(a, 1), U(a, 2), (a[3].AsInt32() & AtSymlinkNofollow) == 0, (a[3].AsInt32() & AtEmptyPath) != 0));
        S(d, "newfstatat", "iiii", a => Stat(a[0].AsInt32(), U(a, 1), U(a, 2), (a[3].AsInt32() & AtSymlinkNofollow) == 0, (a[3].AsInt32() & AtEmptyPath) != 0));
        S(d, "mkdir", "ii", a => Mkdir(AtFdcwd, U(a, 0), a[1].AsInt32()));
        S(d, "mkdirat", "iii", a => Mkdir(a[0].AsInt32(), U(a, 1), a[2].AsInt32()));
        S(d, "rmdir", "i", a => Unlink(AtFdcwd, U(a, 0), AtRemovedir));
        S(d, "unlink", "i", a => Unlink(AtFdcwd, U(a, 0), 0));
        S(d, "unlinkat", "iii", a => Unlink(a[0].AsInt32(), U(a, 1), a[2].AsInt32()));
        S(d, "rename", "ii", a => Rename(AtFdcwd, U(a, 0), AtFdcwd, U(a, 1)));
        S(d, "renameat", "iiii", a => Rename(a[0].AsInt32(), U(a, 1), a[2].AsInt32(), U(a, 3)));
        S(d, "chdir", "i", a => Chdir(U(a, 0)));
        S(d, "getcwd", "ii", a => Getcwd(U(a, 0), U(a, 1)));
        S(d, "access", "ii", a => Access(AtFdcwd, U(a, 0), a[1].AsInt32()));
        S(d, "faccessat", "iiii", a => Access(a[0].AsInt32(), U(a, 1), a[2].AsInt32()));
        S(d, "readlink", "iii", a => Readlink(AtFdcwd, U(a, 0), U(a, 1), U(a, 2)));
        S(d, "readlinkat", "iiii", a => Readlink(a[0].AsInt32(), U(a, 1), U(a, 2), U(a, 3)));
        S(d, "symlink", "ii", a => Symlink(U(a, 0), AtFdcwd, U(a, 1)));
        S(d, "symlinkat", "iii", a => Symlink(U(a, 0), a[1].AsInt32(), U(a, 2)));
        S(d, "getdents64", "iii", a => Getdents(a[0].AsInt32(), U(a, 1), U(a, 2)));
        S(d, "fcntl64", "iii", a => Fcntl(a[0].AsInt32(), a[1].AsInt32(), U(a, 2)));
        S(d, "ioctl", "iii", a => Ioctl(a[0].AsInt32(), a[1].AsInt32(), U(a, 2)));
        S(d, "truncate64", "ij", a => Truncate(U(a, 0), a[1].AsInt64()));
        S(d, "ftruncate64", "ij", a => Ftruncate(a[0].AsInt32(), a[1].AsInt64()));
        S(d, "chmod", "ii", a => Chmod(U(a, 0), a[1].AsInt32()));
        S(d, "fchmod", "ii", a => Fchmod(a[0].AsInt32(), a[1].AsInt32()));
        S(d, "utimensat", "iiii", a => Utimensat(a[0].AsInt32(), U(a, 1), U(a, 2)));
        S(d, "fdatasync", "i", a => Fdatasync(a[0].AsInt32()));
        S(d, "dup", "i", a => Dup(a[0].AsInt32()));
        S(d, "dup3", "iii", a => Dup3(a[0].AsInt32(), a[1].AsInt32(), a[2].AsInt32()));
        S(d, "fchdir", "i", a => Fchdir(a[0].AsInt32()));
        S(d, "poll", "iii", a => Poll(U(a, 0), a[1].AsInt32()));
    }
}
