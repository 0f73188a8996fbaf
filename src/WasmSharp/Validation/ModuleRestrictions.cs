namespace WasmSharp.Validation;

/// <summary>The engine's restrictions beyond the spec: disabled features (<see cref="FeatureValidator"/>), then
/// static module limits (<see cref="ModuleLimitsValidator"/>). Nothing runs when neither is configured.</summary>
public static class ModuleRestrictions
{
    /// <summary>Throws <see cref="InvalidModuleException"/> naming the feature or limit a module breaks.</summary>
    public static void Validate(ModuleInfo m, EngineConfig config)
    {
        FeatureValidator.Validate(m, config.Features);
        ModuleLimitsValidator.Validate(m, config.ModuleLimits);
    }
}
