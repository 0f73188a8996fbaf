namespace WasmSharp.Wast;

/// <summary>Random mutations of real modules for fuzz tests: byte flips, truncation, insertion, 0xFF runs
/// (over-long LEB128s) and spliced chunks. Deterministic for a given <see cref="Random"/>.</summary>
public static class ModuleMutator
{
    /// <summary>Real modules to mutate: the bench programs and a few modules of every spec script.</summary>
    public static List<byte[]> Corpus(int perScript = 4)
    {
        var files = Directory.EnumerateFiles(SharedData.Bench, "*.wasm")
            .Concat(SharedData.SpecScripts().SelectMany(s => Directory.EnumerateFiles(Path.GetDirectoryName(s)!, "*.wasm").Take(perScript)))
            .OrderBy(f => f, StringComparer.Ordinal);
        return files.Select(File.ReadAllBytes).ToList();
    }

    public static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = new List<byte>(original);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.Insert(at, (byte)rng.Next(256)); break;
                case 4: for (int k = at; k < Math.Min(bytes.Count, at + 5); k++) bytes[k] = 0xFF; break;
                default:
                    int len = rng.Next(1, 16);
                    int from = rng.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.Skip(from).Take(len).ToArray());
                    break;
            }
        }
        return bytes.ToArray();
    }
}
