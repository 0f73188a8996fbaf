namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    /// <summary>The code the guest passed to <c>proc_exit</c>, once it has.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Unwinds the guest: the exception reaches whoever called into Wasm.</summary>
    internal void ProcExit(uint code)
    {
        ExitCode = (int)code;
        FlushStdio();
        throw new WasiExitException((int)code);
    }

    /// <summary>Signals are not part of the sandbox: raising one is not supported.</summary>
    internal static Errno ProcRaise(uint signal) => Errno.NotSup;

    internal static Errno SchedYield()
    {
        Thread.Yield();
        return Errno.Success;
    }

    /// <summary>Flushes stdout and stderr (the runner calls this when the guest returns normally too).</summary>
    public void FlushStdio()
    {
        foreach (var (_, d) in _fds.Entries)
            if (d is Descriptors.StreamDescriptor { Readable: false } s) s.Stream.Flush();
    }
}
