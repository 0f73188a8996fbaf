using System.Text.RegularExpressions;

namespace WasmSharp.Native.Tests;

/// <summary>The C programs in c/, each run natively and under valgrind's memcheck.</summary>
public sealed partial class CProgramTests
{
    private static readonly string[] Names =
        ["host_callback", "memory", "globals", "tables", "trap_frames", "multi_value", "reflection", "start", "serialize", "wasi", "errors"];

    public static TheoryData<string> Programs => new(Names);

    public static TheoryData<string> ProgramsAndExample => new([.. Names, "embed"]);

    [NeedsTheory("gcc")]
    [MemberData(nameof(Programs))]
    public void Runs(string name)
    {
        var exe = CProgram.Build(name);
        var result = ProcessRun.Run(exe, CProgram.Args(name, underValgrind: false), TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 && result.Stdout.TrimEnd().EndsWith("ok", StringComparison.Ordinal), result.ToString());
    }

    /// <summary>The README's C example prints what it says.</summary>
    [NeedsFact("gcc")]
    public void ReadmeExampleRuns()
    {
        var result = ProcessRun.Run(CProgram.Build("embed"), [], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("log: 1\nadd(1, 2) = 3\n", result.Stdout);
    }

    /// <summary>The README shows the example verbatim (from its #include on), so what it shows is what is tested.</summary>
    [Fact]
    public void ReadmeShowsTheExampleVerbatim()
    {
        string example = File.ReadAllText(CProgram.Source("embed"));
        example = example[example.IndexOf("#include <stdio.h>", StringComparison.Ordinal)..].TrimEnd('\n');
        string readme = File.ReadAllText(Path.Combine(NativeLibrary.RepoRoot, "README.md"));
        int section = readme.IndexOf("## The C API", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no \"## The C API\" section");
        int start = readme.IndexOf("```c\n", section, StringComparison.Ordinal) + "```c\n".Length;
        int end = readme.IndexOf("\n```", start, StringComparison.Ordinal);
        Assert.Equal(example, readme[start..end]);
    }

    /// <summary>0 errors and 0 bytes definitely, indirectly or possibly lost; only the .NET runtime's own
    /// long-lived threads are suppressed (valgrind.supp says which and why).</summary>
    [NeedsTheory("gcc", "valgrind")]
    [MemberData(nameof(ProgramsAndExample))]
    public void IsCleanUnderMemcheck(string name)
    {
        var result = Memcheck(name);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(ErrorSummary(), result.Stderr);
        Assert.Matches(NothingLost(), result.Stderr);
    }

    /// <summary>The check above is not blind: a program leaking through the API fails it, naming the functions.</summary>
    [NeedsFact("gcc", "valgrind")]
    public void MemcheckReportsLeaksThroughTheApi()
    {
        var result = Memcheck("leaks_on_purpose");
        Assert.Equal(99, result.ExitCode);
        Assert.Contains("definitely lost: 33 bytes in 2 blocks", result.Stderr);
        Assert.Contains("wasm_valtype_new", result.Stderr);
        Assert.Contains("wasm_foreign_new", result.Stderr);
    }

    private static ProcessResult Memcheck(string name)
    {
        string[] args = [
            "--leak-check=full", "--errors-for-leak-kinds=definite,indirect,possible", "--error-exitcode=99",
            "--suppressions=" + Path.Combine(AppContext.BaseDirectory, "valgrind.supp"),
            CProgram.Build(name), .. CProgram.Args(name, underValgrind: true)];
        return ProcessRun.Run("valgrind", args, TimeSpan.FromMinutes(10));
    }

    [GeneratedRegex(@"ERROR SUMMARY: 0 errors from 0 contexts")]
    private static partial Regex ErrorSummary();

    /// <summary>Either no heap block was left at all, or none was lost in any way.</summary>
    [GeneratedRegex(@"(All heap blocks were freed|definitely lost: 0 bytes in 0 blocks\s+==\d+==\s+indirectly lost: 0 bytes in 0 blocks\s+==\d+==\s+possibly lost: 0 bytes in 0 blocks)")]
    private static partial Regex NothingLost();
}
