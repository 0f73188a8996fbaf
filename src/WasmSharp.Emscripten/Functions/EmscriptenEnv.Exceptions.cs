namespace WasmSharp.Emscripten;

/// <summary>
/// C++ exceptions as emcc's glue implements them without Wasm exception handling: a thrown object is prefixed by a
/// 16-byte ExceptionInfo (refcount, type, destructor, caught, rethrown) and each catch gets an 8-byte CatchInfo
/// (base pointer, adjusted pointer) from the guest's malloc. Throwing unwinds to the nearest <c>invoke_*</c>.
/// </summary>
internal sealed partial class EmscriptenEnv
{
    private const string FindMatchingCatchPrefix = "__cxa_find_matching_catch_";
    private const uint InfoSize = 16, InfoRefcount = 0, InfoType = 4, InfoDestructor = 8, InfoCaught = 12, InfoRethrown = 13;

    private readonly Stack<uint> _caught = new();
    private uint _exceptionLast;
    private int _uncaught;

    private void AddExceptions(Dictionary<string, HostDef> d)
    {
        I(d, "__cxa_allocate_exception", "i", a => Malloc(U(a, 0) + InfoSize) + (int)InfoSize);
        F(d, "__cxa_free_exception", "i", "", (a, _) => Free(U(a, 0) - InfoSize));
        F(d, "__cxa_throw", "iii", "", (a, _) => Throw(U(a, 0), U(a, 1), U(a, 2)));
        I(d, "__cxa_begin_catch", "i", a => BeginCatch(U(a, 0)));
        F(d, "__cxa_end_catch", "", "", (_, _) => EndCatch());
        F(d, "__cxa_rethrow", "", "", (_, _) => Rethrow());
        F(d, "__resumeException", "i", "", (a, _) => ResumeException(U(a, 0)));
        I(d, "llvm_eh_typeid_for", "i", a => a[0].AsInt32());
        I(d, "__cxa_uncaught_exceptions", "", _ => _uncaught);
    }

    private int Malloc(uint size) => Export("malloc").Invoke(Value.I32((int)size))[0].AsInt32();

    private void Free(uint ptr) => Export("free").Invoke(Value.I32((int)ptr));

    private void Throw(uint ptr, uint type, uint destructor)
    {
        uint info = ptr - InfoSize;
        I32(info + InfoType, (int)type);
        I32(info + InfoDestructor, (int)destructor);
        I32(info + InfoRefcount, 0);
        Mem.WriteU8(info + InfoCaught, 0);
        Mem.WriteU8(info + InfoRethrown, 0);
        _exceptionLast = ptr;
        _uncaught++;
        throw new GuestUnwind(ptr);
    }

    private int BeginCatch(uint catchInfo)
    {
        uint info = (uint)I32(catchInfo) - InfoSize;
        if (Mem.ReadU8(info + InfoCaught) == 0)
        {
            Mem.WriteU8(info + InfoCaught, 1);
            _uncaught--;
        }
        Mem.WriteU8(info + InfoRethrown, 0);
        _caught.Push(catchInfo);
        I32(info + InfoRefcount, I32(info + InfoRefcount) + 1);
        return ExceptionPointer(catchInfo);
    }

    /// <summary>What the catch clause receives: the thrown pointer itself for pointer types, else the object
    /// adjusted to the caught base class.</summary>
    private int ExceptionPointer(uint catchInfo)
    {
        uint basePtr = (uint)I32(catchInfo);
        int type = I32(basePtr - InfoSize + InfoType);
        if (Export("__cxa_is_pointer_type").Invoke(Value.I32(type))[0].AsInt32() != 0) return I32(basePtr);
        int adjusted = I32(catchInfo + 4);
        return adjusted != 0 ? adjusted : (int)basePtr;
    }

    private void EndCatch()
    {
        Export("setThrew").Invoke(Value.I32(0), Value.I32(0));
        if (!_caught.TryPop(out uint catchInfo)) throw new EmscriptenAbortException("__cxa_end_catch with no exception caught");
        DecRef((uint)I32(catchInfo));
        Free(catchInfo);
        _exceptionLast = 0;
    }

    /// <summary>Drops a reference; the last one runs the destructor (through the table) and frees the object,
    /// unless it is being rethrown.</summary>
    private void DecRef(uint ptr)
    {
        uint info = ptr - InfoSize;
        int prev = I32(info + InfoRefcount);
        I32(info + InfoRefcount, prev - 1);
        if (prev != 1 || Mem.ReadU8(info + InfoRethrown) != 0) return;
        uint destructor = (uint)I32(info + InfoDestructor);
        if (destructor != 0) TableFunction(destructor, Signature.Parse("ii")).Invoke(Value.I32((int)ptr));
        Free(info);
    }

    private void Rethrow()
    {
        if (!_caught.TryPop(out uint catchInfo)) throw new EmscriptenAbortException("no exception to throw");
        uint ptr = (uint)I32(catchInfo), info = ptr - InfoSize;
        if (Mem.ReadU8(info + InfoRethrown) == 0)
        {
            _caught.Push(catchInfo);
            Mem.WriteU8(info + InfoRethrown, 1);
            Mem.WriteU8(info + InfoCaught, 0);
            _uncaught++;
        }
        else Free(catchInfo);
        _exceptionLast = ptr;
        throw new GuestUnwind(ptr);
    }

    private void ResumeException(uint catchInfo)
    {
        uint ptr = (uint)I32(catchInfo);
        if (_exceptionLast == 0) _exceptionLast = ptr;
        Free(catchInfo);
        throw new GuestUnwind(ptr);
    }

    /// <summary><c>__cxa_find_matching_catch_N</c>: N-2 candidate catch types; returns a new CatchInfo and puts
    /// the selected type in tempRet0 (the thrown type when none matches, so the landing pad rethrows).</summary>
    private HostDef? FindMatchingCatch(string count)
    {
        if (!int.TryParse(count, out int n) || n < 2 || n > 64) return null;
        return new HostDef(Signature.Of(new string('i', n - 2), "i"), (a, r) => r[0] = Value.I32(MatchCatch(a)));
    }

    private int MatchCatch(ReadOnlySpan<Value> types)
    {
        uint thrown = _exceptionLast;
        if (thrown == 0)
        {
            TempRet0 = 0;
            return 0;
        }
        int thrownType = I32(thrown - InfoSize + InfoType);
        uint catchInfo = (uint)Malloc(8);
        I32(catchInfo, (int)thrown);
        I32(catchInfo + 4, (int)thrown);
        TempRet0 = 0;
        if (thrownType == 0) return (int)catchInfo;
        foreach (var t in types)
        {
            int caughtType = t.AsInt32();
            if (caughtType == 0 || caughtType == thrownType) break;
            var canCatch = Export("__cxa_can_catch").Invoke(Value.I32(caughtType), Value.I32(thrownType), Value.I32((int)catchInfo + 4));
            if (canCatch[0].AsInt32() != 0)
            {
                TempRet0 = caughtType;
                return (int)catchInfo;
            }
        }
        TempRet0 = thrownType;
        return (int)catchInfo;
    }
}
