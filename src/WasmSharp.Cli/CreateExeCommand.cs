using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary>
/// <c>wasmsharp create-exe FILE -o app [--dir ...] [--mapdir ...] [--env ...] [--cpu ...]</c>: one native executable
/// that runs the module like <c>wasmsharp run</c>, with no .NET and no compiling at start. It is this NativeAOT
/// binary with the compiled module appended (see <see cref="EmbeddedApp"/>): no SDK or C compiler needed.
/// </summary>
internal static class CreateExeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "WebAssembly module (.wasm or .wat)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "executable to write", Required = true };
        var dirs = new Option<string[]>("--dir") { Description = "bake in: pre-open a host directory (DIR, or HOST::GUEST)" };
        var mapdirs = new Option<string[]>("--mapdir") { Description = "bake in: pre-open host directory HOST as GUEST (GUEST::HOST)" };
        var envs = new Option<string[]>("--env") { Description = "bake in: an environment variable (KEY=VALUE)" };
        var cpu = new Option<string?>("--cpu") { Description = "x86-64 code path: avx or sse4.2 (default: this CPU's); sse4.2 runs on more machines" };
        var cmd = new Command("create-exe", "Make a native executable that runs a module without .NET or compiling (needs the NativeAOT wasmsharp)")
        {
            file, output, dirs, mapdirs, envs, cpu,
        };
        cmd.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            try
            {
                string self = NativeSelf();
                var baked = new List<string>();
                foreach (var d in parse.GetValue(dirs) ?? []) baked.AddRange(["--dir", d]);
                foreach (var m in parse.GetValue(mapdirs) ?? []) baked.AddRange(["--mapdir", m]);
                foreach (var e in parse.GetValue(envs) ?? []) baked.AddRange(["--env", e]);
                var config = new EngineConfig();
                if (parse.GetValue(cpu) is { } level)
                {
                    config = config with { X64Cpu = ParseCpu(level) };
                    baked.AddRange(["--cpu", level]);
                }
                var engine = new Engine(new Singlepass.SinglepassCompiler(), config);
                using var module = Module.FromBytes(engine, ModuleFiles.Read(input.FullName), input.Name);
                EmbeddedApp.Write(self, parse.GetValue(output)!.FullName, [.. baked], module.Serialize());
                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                return Failures.Report(e, input.Name);
            }
        });
        return cmd;
    }

    private static X64CpuLevel ParseCpu(string level)
    {
        try { return X64CpuLevels.Parse(level, "--cpu"); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary>The running binary, which must be the NativeAOT build: a JIT build needs .NET to run.</summary>
    private static string NativeSelf()
    {
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported || Environment.ProcessPath is not { } self)
            throw new UsageException("create-exe needs the NativeAOT build of wasmsharp (dotnet publish src/WasmSharp.Cli -r linux-x64 -p:PublishAot=true): this build needs .NET to run");
        return self;
    }
}
