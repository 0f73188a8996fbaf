namespace WasmSharp.Fuzz;

/// <summary>Runs a module on an engine, turning whatever goes wrong into an observation to compare.</summary>
public static class SafeRuns
{
    /// <summary><see cref="Run"/>, or null when the engine's compiler refuses a feature the module uses.</summary>
    public static ModuleRun? RunUnlessRefused(IEngineUnderTest engine, byte[] wasm)
    {
        try { return engine.Run(wasm); }
        catch (UnsupportedFeatureException) { return null; }
        catch (Exception e) when (e is not OutOfMemoryException) { return Failure(engine, e); }
    }

    /// <summary>Runs the module; an exception that is not a trap (a compiler error, a crash in the host code) is an
    /// observation too, and it will differ from the reference's.</summary>
    public static ModuleRun Run(IEngineUnderTest engine, byte[] wasm)
    {
        try { return engine.Run(wasm); }
        catch (Exception e) when (e is not OutOfMemoryException) { return Failure(engine, e); }
    }

    private static ModuleRun Failure(IEngineUnderTest engine, Exception e) =>
        new(engine.Name, [new CallOutcome("(run)", $"error: {e.GetType().Name}: {e.Message}", [])], [], []);
}
