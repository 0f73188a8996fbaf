namespace WasmSharp.Binary;

/// <summary>Section ids of the binary format.</summary>
public enum SectionId : byte
{
    /// <summary>The custom section.</summary>
    Custom = 0,
    /// <summary>The type section.</summary>
    Type = 1,
    /// <summary>The import section.</summary>
    Import = 2,
    /// <summary>The function section.</summary>
    Function = 3,
    /// <summary>The table section.</summary>
    Table = 4,
    /// <summary>The memory section.</summary>
    Memory = 5,
    /// <summary>The global section.</summary>
    Global = 6,
    /// <summary>The export section.</summary>
    Export = 7,
    /// <summary>The start section.</summary>
    Start = 8,
    /// <summary>The element section.</summary>
    Element = 9,
    /// <summary>The code section.</summary>
    Code = 10,
    /// <summary>The data section.</summary>
    Data = 11,
    /// <summary>The data count section.</summary>
    DataCount = 12,
}
