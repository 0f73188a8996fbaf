namespace WasmSharp.Wasi;

public sealed partial class WasiContext
{
    internal Errno ArgsSizesGet(uint argcPtr, uint bufSizePtr) => SizesGet(_args, argcPtr, bufSizePtr);

    internal Errno ArgsGet(uint argvPtr, uint bufPtr) => Guard(() => Mem.WriteStringArray(_args, argvPtr, bufPtr));

    internal Errno EnvironSizesGet(uint countPtr, uint bufSizePtr) => SizesGet(_environ, countPtr, bufSizePtr);

    internal Errno EnvironGet(uint environPtr, uint bufPtr) => Guard(() => Mem.WriteStringArray(_environ, environPtr, bufPtr));

    private Errno SizesGet(byte[][] values, uint countPtr, uint bufSizePtr) => Guard(() =>
    {
        Mem.WriteU32(countPtr, (uint)values.Length);
        Mem.WriteU32(bufSizePtr, (uint)values.Sum(v => v.Length + 1));
    });
}
