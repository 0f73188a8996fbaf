namespace WasmSharp;

/// <summary>Import matching (the spec's extern subtyping, 2.0: exact function and global types, limits within).</summary>
internal static class ImportMatcher
{
    public static bool Matches(ModuleInfo m, Import import, object item, out string why)
    {
        why = "";
        switch (import.Kind, item)
        {
            case (ExternKind.Func, Function f):
                var expected = m.Types[(int)import.FuncTypeIndex];
                if (f.Type.Equals(expected)) return true;
                why = $"expected {expected}, got {f.Type}";
                return false;
            case (ExternKind.Table, Table t):
                if (t.ElemType == import.Table.ElemType && t.Type.Limits.Matches(import.Table.Limits)) return true;
                why = $"expected {import.Table}, got {t.Type}";
                return false;
            case (ExternKind.Memory, Memory mem):
                if (mem.Type.Limits.Matches(import.Memory.Limits)) return true;
                why = $"expected {import.Memory}, got {mem.Type}";
                return false;
            case (ExternKind.Global, Global g):
                if (g.Type == import.Global) return true;
                why = $"expected global {import.Global}, got {g.Type}";
                return false;
            default:
                why = $"expected a {import.Kind.ToString().ToLowerInvariant()}, got a {item.GetType().Name.ToLowerInvariant()}";
                return false;
        }
    }
}
