using System.ComponentModel;
using System.Runtime.InteropServices;
using WasmSharp.Runtime.Native;

namespace WasmSharp.Runtime;

/// <summary>
/// Out-of-bounds accesses of code whose faults .NET handles (the CIL compiler's RyuJIT code), found by the MMU. A fault
/// in managed code at an address other than near null kills .NET ("Fatal error. System.AccessViolationException"),
/// but one at address 0 becomes an ordinary, catchable <see cref="NullReferenceException"/> thrown from the faulting
/// frame. So a tiny SIGSEGV handler in machine code, chained in front of the previous one (.NET's, or Singlepass's,
/// which decides by PC and so is not disturbed), checks whether the faulting address lies in the reservation of a
/// guard-page memory; if so it records the fault for the faulting thread, makes the address 0 (both
/// <c>siginfo->si_addr</c> and <c>uc_mcontext.gregs[REG_CR2]</c>: .NET reads both) and passes the signal on; anything
/// else is passed on untouched. The code that entered Wasm then asks <see cref="TakeFault"/> whether a
/// <see cref="NullReferenceException"/> was such a fault (a trap) or a real one. Linux x86-64 only (glibc's
/// <c>ucontext_t</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for the CIL compiler only
public static unsafe class GuardPageFaults
{
    /// <summary>Entries of the reservation table: more than 8 GiB reservations fit in a 47-bit address space.</summary>
    internal const int MaxEntries = 1 << 15;
    /// <summary>An entry: start, end, the thread pointer of the last thread that faulted in it (0: none), unused.</summary>
    private const int EntrySize = 32;

    /// <summary>Native table the handler reads lock-free: [0] = entries in use, then <see cref="EntrySize"/>-byte
    /// entries from offset 8; a free entry has end 0, which no address is below.</summary>
    private static readonly long* Table = (long*)NativeMemory.AllocZeroed((nuint)(8 + MaxEntries * EntrySize));
    /// <summary>The previous handler's <c>struct sigaction</c>, for chaining.</summary>
    private static readonly nint Previous = (nint)NativeMemory.AllocZeroed(SignalChain.SigactionSize);
    private static readonly Lock Gate = new();
    private static readonly Dictionary<nint, int> Slots = new();
    private static bool _installed;
    [ThreadStatic] private static nint t_self;

    /// <summary>Whether this process can turn guard-page faults of managed code into exceptions (Linux x86-64).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Installs the handler, once per process, in front of the current SIGSEGV handler.</summary>
    /// <exception cref="PlatformNotSupportedException">Not Linux x86-64.</exception>
    public static void Install()
    {
        if (Volatile.Read(ref _installed)) return;
        using var _ = Gate.EnterScope();
        if (_installed) return;
        if (!Supported) throw new PlatformNotSupportedException("guard-page faults of managed code are handled on Linux x86-64 only");
        SignalChain.InstallInFront(MapCode(HandlerCode((nint)Table, Previous)), Previous);
        Volatile.Write(ref _installed, true);
    }

    /// <summary>
    /// <c>void handler(int sig, siginfo_t* info /* rsi */, ucontext_t* ctx /* rdx */)</c>. Clobbers only rax, rcx,
    /// r8, r9 (caller-saved) and uses no stack: it runs on whatever stack the signal arrived on.
    /// </summary>
    internal static byte[] HandlerCode(nint table, nint previous)
    {
        var c = new List<byte>(96);
        void Op(params byte[] bytes) => c.AddRange(bytes);
        void Imm64(nint v) => c.AddRange(BitConverter.GetBytes((long)v));
        Op(0x48, 0x8B, 0x46, 0x10);                   // mov rax, [rsi+16]        ; info->si_addr
        Op(0x49, 0xB8); Imm64(table);                 // mov r8, table
        Op(0x49, 0x8B, 0x08);                         // mov rcx, [r8]            ; entries in use
        Op(0x4D, 0x8D, 0x48, 0x08);                   // lea r9, [r8+8]           ; first entry
        int loop = c.Count;
        Op(0x48, 0x85, 0xC9);                         // loop: test rcx, rcx
        Op(0x74, 0);                                  //   jz chain
        int jzChain = c.Count - 1;
        Op(0x49, 0x3B, 0x01);                         //   cmp rax, [r9]          ; start
        Op(0x72, 0);                                  //   jb next
        int jbNext = c.Count - 1;
        Op(0x49, 0x3B, 0x41, 0x08);                   //   cmp rax, [r9+8]        ; end
        Op(0x72, 0);                                  //   jb found
        int jbFound = c.Count - 1;
        Patch(jbNext);
        Op(0x49, 0x83, 0xC1, EntrySize);              // next: add r9, 32
        Op(0x48, 0xFF, 0xC9);                         //   dec rcx
        Op(0xEB, (byte)(loop - (c.Count + 2)));       //   jmp loop
        Patch(jbFound);
        Op(0x64, 0x48, 0x8B, 0x04, 0x25, 0, 0, 0, 0); // found: mov rax, fs:[0]  ; the thread pointer (= pthread_self())
        Op(0x49, 0x89, 0x41, 0x10);                   //   mov [r9+16], rax       ; the entry's fault marker
        Op(0x31, 0xC0);                               //   xor eax, eax
        Op(0x48, 0x89, 0x46, 0x10);                   //   mov [rsi+16], rax      ; info->si_addr = 0
        Op(0x48, 0x89, 0x82, 0xD8, 0, 0, 0);          //   mov [rdx+216], rax     ; ctx->uc_mcontext.gregs[REG_CR2] = 0
        Patch(jzChain);
        Op(0x48, 0xB8); Imm64(previous);              // chain: mov rax, previous
        Op(0xFF, 0x20);                               //   jmp [rax]              ; previous->sa_sigaction(sig, info, ctx)
        return c.ToArray();

        void Patch(int at) => c[at] = checked((byte)(c.Count - (at + 1))); // forward, under 128 bytes
    }

    private static nint MapCode(byte[] code)
    {
        nuint size = 4096;
        nint p = Libc.mmap(0, size, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        if (p == Libc.MAP_FAILED) throw new OutOfMemoryException("cannot map the fault handler");
        code.CopyTo(new Span<byte>((void*)p, code.Length));
        if (!Libc.TryProtect(p, size, Libc.PROT_READ | Libc.PROT_EXEC))
            throw new InvalidOperationException($"mprotect failed (errno {Marshal.GetLastPInvokeError()})");
        return p; // never unmapped: the handler stays installed for the process's life
    }

    /// <summary>Makes faults in [<paramref name="start"/>, <paramref name="start"/> + <paramref name="bytes"/>)
    /// out-of-bounds accesses.</summary>
    /// <exception cref="ResourceLimitException">The table is full.</exception>
    internal static void Register(nint start, nuint bytes)
    {
        using var _ = Gate.EnterScope();
        long used = Table[0];
        int slot = -1;
        for (int i = 0; i < used; i++)
            if (Entry(i)[1] == 0) { slot = i; break; }
        if (slot < 0)
        {
            if (used == MaxEntries) throw new ResourceLimitException($"more than {MaxEntries} guard-page memories are alive");
            slot = (int)used;
        }
        long* e = Entry(slot);
        e[2] = 0;
        // start first, end last: a half-written entry (end 0) never matches
        Volatile.Write(ref e[0], start);
        Volatile.Write(ref e[1], start + (nint)bytes);
        if (slot == used) Volatile.Write(ref Table[0], used + 1);
        Slots[start] = slot;
    }

    /// <summary>Forgets the reservation at <paramref name="start"/>, if registered (before it is unmapped).</summary>
    internal static void Unregister(nint start)
    {
        using var _ = Gate.EnterScope();
        if (!Slots.Remove(start, out int slot)) return;
        long* e = Entry(slot);
        // end first: the entry stops matching at once
        Volatile.Write(ref e[1], 0);
        Volatile.Write(ref e[0], 0);
    }

    /// <summary>Reservations registered now (for tests).</summary>
    public static int RegisteredCount
    {
        get
        {
            using var _ = Gate.EnterScope();
            return Slots.Count;
        }
    }

    /// <summary>Entries the handler scans (for tests: freed ones are reused).</summary>
    public static long EntriesInUse => Volatile.Read(ref Table[0]);

    /// <summary>Whether the calling thread faulted in a guard-page memory since it last asked (the fault the
    /// handler made a <see cref="NullReferenceException"/>); clears the record.</summary>
    public static bool TakeFault()
    {
        nint self = t_self != 0 ? t_self : t_self = Libc.pthread_self();
        bool found = false;
        long used = Volatile.Read(ref Table[0]);
        for (int i = 0; i < used; i++)
        {
            long* e = Entry(i);
            if (Volatile.Read(ref e[2]) == self && Interlocked.CompareExchange(ref e[2], 0, self) == self) found = true;
        }
        return found;
    }

    private static long* Entry(int slot) => (long*)((byte*)Table + 8 + (long)slot * EntrySize);
}
