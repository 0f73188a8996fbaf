using System.Runtime.InteropServices;
using WasmSharp.Runtime;

namespace WasmSharp.Singlepass;

/// <summary>
/// Out-of-bounds memory accesses found by the MMU instead of explicit checks. Every linear memory reserves 8 GiB
/// (its 4 GiB range plus 4 GiB of guard), and a 32-bit address plus a 32-bit offset never leaves it, so an
/// out-of-bounds access always faults. A SIGSEGV handler written in machine code (the target's, see
/// <see cref="RuntimeStubs.SignalHandler"/>: only it knows where the signal context keeps the PC) checks whether the
/// faulting instruction lies in generated code; if so it resumes at a stub that reports the trap, else it hands the
/// signal to the handler that was there before (the .NET runtime's). This part, the handler's installation and its
/// table of code ranges, is the same for every Linux ISA.
/// </summary>
internal static unsafe partial class TrapSignals
{
    /// <summary>Code ranges the handler knows: a count, then (start, end) pairs.</summary>
    public const int MaxRanges = 1 << 16;

    private static readonly Lock Gate = new();
    private static bool _installed;

    /// <summary>Native table read by the handler: [0] = slots in use, then pairs (start, end); a freed slot is (0, 0).</summary>
    public static readonly nint Ranges = (nint)NativeMemory.AllocZeroed((nuint)(8 + MaxRanges * 16));
    /// <summary>The previous handler's <c>struct sigaction</c>, for chaining.</summary>
    public static readonly nint Previous = (nint)NativeMemory.AllocZeroed(SignalChain.SigactionSize);

    /// <summary>Installs <paramref name="handler"/> for SIGSEGV once per process.</summary>
    public static void Install(nint handler)
    {
        using var _ = Gate.EnterScope();
        if (_installed) return;
        SignalChain.InstallInFront(handler, Previous);
        _installed = true;
    }

    /// <summary>Makes faults in [start, end) traps; returns the slot for <see cref="Remove"/>.</summary>
    public static int Add(nint start, nint end)
    {
        using var _ = Gate.EnterScope();
        long* table = (long*)Ranges;
        long used = Volatile.Read(ref table[0]);
        for (int i = 0; i < used; i++)
        {
            if (table[1 + 2 * i] == 0 && table[2 + 2 * i] == 0) return Publish(table, i, start, end);
        }
        if (used == MaxRanges) throw new InvalidOperationException($"more than {MaxRanges} modules of generated code are alive");
        int slot = (int)used;
        Publish(table, slot, start, end);
        Volatile.Write(ref table[0], used + 1);
        return slot;
    }

    private static int Publish(long* table, int slot, nint start, nint end)
    {
        // end first, then start: a half-written entry never matches
        Volatile.Write(ref table[2 + 2 * slot], end);
        Volatile.Write(ref table[1 + 2 * slot], start);
        return slot;
    }

    public static void Remove(int slot)
    {
        using var _ = Gate.EnterScope();
        long* table = (long*)Ranges;
        Volatile.Write(ref table[1 + 2 * slot], 0);
        Volatile.Write(ref table[2 + 2 * slot], 0);
    }
}
