namespace WasmSharp;

/// <summary>
/// The Wasm proposals (now part of Wasm 2.0) a module may use, for embedders that pin a smaller language
/// (CosmWasm and NEAR accept only a subset). A module that uses a feature turned off fails validation with
/// <see cref="InvalidModuleException"/> naming the feature. Default: everything (<see cref="All"/>).
/// </summary>
public sealed record WasmFeatures
{
    /// <summary>The full Wasm 2.0 language.</summary>
    public static WasmFeatures All { get; } = new();

    /// <summary>Wasm 1.0 (the MVP): every proposal below off.</summary>
    public static WasmFeatures Mvp { get; } = new()
    {
        Simd = false, ReferenceTypes = false, BulkMemory = false, MultiValue = false, SignExtension = false,
        SaturatingFloatToInt = false, MutableGlobals = false,
    };

    /// <summary>128-bit SIMD: the v128 type and the 0xFD operators.</summary>
    public bool Simd { get; init; } = true;
    /// <summary>funcref/externref values, ref.* and table.* operators, typed select, several tables.</summary>
    public bool ReferenceTypes { get; init; } = true;
    /// <summary>memory.copy/fill/init, data.drop, table.copy/init, elem.drop, passive segments.</summary>
    public bool BulkMemory { get; init; } = true;
    /// <summary>Functions and blocks with several results, blocks with parameters.</summary>
    public bool MultiValue { get; init; } = true;
    /// <summary>i32.extend8_s and the other sign-extension operators.</summary>
    public bool SignExtension { get; init; } = true;
    /// <summary>The non-trapping float-to-int conversions (trunc_sat).</summary>
    public bool SaturatingFloatToInt { get; init; } = true;
    /// <summary>Importing and exporting mutable globals.</summary>
    public bool MutableGlobals { get; init; } = true;

    /// <summary>Whether every feature is on (then nothing is checked).</summary>
    public bool IsAll => Simd && ReferenceTypes && BulkMemory && MultiValue && SignExtension && SaturatingFloatToInt && MutableGlobals;

    /// <summary>The features that are off, by their proposal names (e.g. "simd,bulk-memory"); empty when none.</summary>
    public string DisabledList()
    {
        var off = new List<string>();
        if (!Simd) off.Add("simd");
        if (!ReferenceTypes) off.Add("reference-types");
        if (!BulkMemory) off.Add("bulk-memory");
        if (!MultiValue) off.Add("multi-value");
        if (!SignExtension) off.Add("sign-extension");
        if (!SaturatingFloatToInt) off.Add("saturating-float-to-int");
        if (!MutableGlobals) off.Add("mutable-globals");
        return string.Join(',', off);
    }

    /// <summary>Parses a comma-separated list of proposal names (as <see cref="DisabledList"/> writes them) and
    /// turns those features off.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public WasmFeatures Without(string names)
    {
        var f = this;
        foreach (var raw in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            f = raw.ToLowerInvariant() switch
            {
                "simd" => f with { Simd = false },
                "reference-types" => f with { ReferenceTypes = false },
                "bulk-memory" => f with { BulkMemory = false },
                "multi-value" => f with { MultiValue = false },
                "sign-extension" => f with { SignExtension = false },
                "saturating-float-to-int" => f with { SaturatingFloatToInt = false },
                "mutable-globals" => f with { MutableGlobals = false },
                _ => throw new ArgumentException($"unknown Wasm feature '{raw}' (known: simd, reference-types, bulk-memory, multi-value, sign-extension, saturating-float-to-int, mutable-globals)"),
            };
        }
        return f;
    }
}
