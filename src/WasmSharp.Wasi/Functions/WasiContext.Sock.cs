namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    // No descriptor of this implementation is a socket (none can be pre-opened or created), so every socket call
    // fails with EBADF for a closed number and ENOTSOCK for anything else.

    internal Errno SockAccept(int fd, uint flags, uint resultFdPtr) => NotSocket(fd);

    internal Errno SockRecv(int fd, uint riData, uint riDataLen, uint riFlags, uint roDataLenPtr, uint roFlagsPtr) => NotSocket(fd);

    internal Errno SockSend(int fd, uint siData, uint siDataLen, uint siFlags, uint soDataLenPtr) => NotSocket(fd);

    internal Errno SockShutdown(int fd, uint how) => NotSocket(fd);

    private Errno NotSocket(int fd) => _fds.Contains(fd) ? Errno.NotSock : Errno.Badf;
}
