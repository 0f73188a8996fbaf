namespace WasmSharp.Native.Tests;

/// <summary>The library from another language through its C ABI: Python's ctypes.</summary>
public sealed class PythonCtypesTests
{
    [NeedsFact("python3")]
    public void PythonCallsTheLibrary()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "ctypes_test.py");
        var result = ProcessRun.Run("python3", [script, NativeLibrary.Path], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 && result.Stdout.TrimEnd() == "ok", result.ToString());
    }
}
