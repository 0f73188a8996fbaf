namespace WasmSharp.Cli;

/// <summary>The command line of an executable made by <c>create-exe</c> (baked-in options first): WASI options,
/// the CPU level its code was compiled for, then the guest's arguments.</summary>
internal sealed record EmbeddedOptions(RunOptions Run, EngineConfig Config)
{
    public static EmbeddedOptions Parse(string[] args, FileInfo self)
    {
        List<string> dirs = [], mapdirs = [], envs = [];
        var config = new EngineConfig();
        int i = 0;
        for (; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--") { i++; break; }
            if (a is not ("--dir" or "--mapdir" or "--env" or "--cpu")) break; // the guest's arguments start here
            if (i + 1 >= args.Length) throw new UsageException($"{a} expects a value");
            string value = args[++i];
            switch (a)
            {
                case "--dir": dirs.Add(value); break;
                case "--mapdir": mapdirs.Add(value); break;
                case "--env": envs.Add(value); break;
                default: config = config with { X64Cpu = X64CpuLevels.Parse(value, "--cpu") }; break;
            }
        }
        return new EmbeddedOptions(new RunOptions(self, args[i..], [.. dirs], [.. mapdirs], [.. envs], null), config);
    }
}
