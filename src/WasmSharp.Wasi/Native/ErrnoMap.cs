namespace WasmSharp.Wasi.Native;

/// <summary>Linux errno numbers to WASI <see cref="Errno"/> (the two numberings differ almost everywhere). Every
/// Linux errno WASI names maps to its namesake; the few Linux-only ones with a close WASI meaning map to it
/// (EPFNOSUPPORT, ESHUTDOWN, EHOSTDOWN, ETIME); the rest (STREAMS, keys, media...) become EIO.</summary>
internal static class ErrnoMap
{
    public static Errno FromLinux(int errno) => errno switch
    {
        0 => Errno.Success,
        1 => Errno.Perm, 2 => Errno.NoEnt, 3 => Errno.Srch, 4 => Errno.Intr, 5 => Errno.Io, 6 => Errno.Nxio,
        7 => Errno.TooBig, 8 => Errno.NoExec, 9 => Errno.Badf, 10 => Errno.Child, 11 => Errno.Again,
        12 => Errno.NoMem, 13 => Errno.Acces, 14 => Errno.Fault, 16 => Errno.Busy, 17 => Errno.Exist,
        18 => Errno.Xdev, 19 => Errno.NoDev, 20 => Errno.NotDir, 21 => Errno.IsDir, 22 => Errno.Inval,
        23 => Errno.Nfile, 24 => Errno.Mfile, 25 => Errno.NotTy, 26 => Errno.TxtBsy, 27 => Errno.Fbig,
        28 => Errno.NoSpc, 29 => Errno.Spipe, 30 => Errno.Rofs, 31 => Errno.Mlink, 32 => Errno.Pipe,
        33 => Errno.Dom, 34 => Errno.Range, 35 => Errno.Deadlk, 36 => Errno.NameTooLong, 37 => Errno.NoLck,
        38 => Errno.NoSys, 39 => Errno.NotEmpty, 40 => Errno.Loop, 42 => Errno.NoMsg, 43 => Errno.Idrm,
        62 => Errno.TimedOut, 67 => Errno.NoLink, 71 => Errno.Proto, 72 => Errno.Multihop, 74 => Errno.BadMsg, 75 => Errno.Overflow,
        84 => Errno.Ilseq, 88 => Errno.NotSock, 89 => Errno.DestAddrReq, 90 => Errno.MsgSize,
        91 => Errno.ProtoType, 92 => Errno.NoProtoOpt, 93 => Errno.ProtoNoSupport, 95 => Errno.NotSup,
        96 => Errno.AfNoSupport, 97 => Errno.AfNoSupport, 98 => Errno.AddrInUse, 99 => Errno.AddrNotAvail, 100 => Errno.NetDown,
        101 => Errno.NetUnreach, 102 => Errno.NetReset, 103 => Errno.ConnAborted, 104 => Errno.ConnReset,
        105 => Errno.NoBufs, 106 => Errno.IsConn, 107 => Errno.NotConn, 108 => Errno.Pipe, 110 => Errno.TimedOut,
        111 => Errno.ConnRefused, 112 => Errno.HostUnreach, 113 => Errno.HostUnreach, 114 => Errno.Already, 115 => Errno.InProgress,
        116 => Errno.Stale, 122 => Errno.Dquot, 125 => Errno.Canceled, 130 => Errno.OwnerDead,
        131 => Errno.NotRecoverable,
        _ => Errno.Io,
    };
}
