using WasmSharp.Compilers;

namespace WasmSharp.Singlepass;

/// <summary>A module's generated code: one executable region, functions laid out in order.</summary>
public sealed class SinglepassCode : CompiledCode
{
    private readonly int[] _offsets;

    internal ExecutableMemory Memory { get; }

    internal SinglepassCode(ExecutableMemory memory, int[] offsets, int size)
    {
        Memory = memory;
        _offsets = offsets;
        CodeSize = size;
    }

    public override long CodeSize { get; }

    public override nint FunctionCode(int definedIndex) => Memory.Address + _offsets[definedIndex];

    /// <summary>The defined function whose code holds <paramref name="pc"/>, or -1.</summary>
    internal int FunctionAt(nint pc)
    {
        if (!Memory.Contains(pc)) return -1;
        int offset = (int)(pc - Memory.Address);
        int i = Array.BinarySearch(_offsets, offset);
        return i >= 0 ? i : ~i - 1;
    }

    public override void Dispose()
    {
        Memory.Dispose();
        base.Dispose();
    }
}
