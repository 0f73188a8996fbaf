using System.Runtime.InteropServices;
using WasmSharp.Binary;
using WasmSharp.Runtime;

namespace WasmSharp;

/// <summary>An instantiated module: its memory, tables, globals and functions, and its exports by name. It lives as
/// long as its store; once the store is disposed, its members throw <see cref="ObjectDisposedException"/>.</summary>
public sealed unsafe partial class Instance
{
    private readonly Dictionary<string, object> _exports = new(StringComparer.Ordinal);
    private readonly Function?[] _functions;
    private readonly Table[] _tables;
    private readonly Global[] _globals;
    /// <summary>Element segments as references; null once dropped.</summary>
    private readonly nint[]?[] _elements;
    private readonly bool[] _dataDropped;

    /// <summary>The module this is an instance of.</summary>
    public Module Module { get; }
    /// <summary>The store that owns the instance.</summary>
    public Store Store { get; }
    /// <summary>The instance's memory (defined or imported), if any.</summary>
    public Memory? Memory { get; }
    internal VMContext* Vmctx { get; }

    internal Instance(Store store, Module module, object[] imports)
    {
        Store = store;
        Module = module;
        var m = module.Info;
        store.Track(module);
        store.AdmitInstance(module);
        Vmctx = (VMContext*)store.AllocateNative(sizeof(VMContext));
        Vmctx->Runtime = store.Runtime;
        Vmctx->Handle = store.NewHandle(this);
        Vmctx->LibcallTable = Libcalls.Native.Table;
        store.TrackLoopLimit(Vmctx);
        Vmctx->Functions = (VMFuncRef*)store.AllocateNative(sizeof(VMFuncRef) * Math.Max(m.Functions.Count, 1));
        Vmctx->Tables = (TableDef**)store.AllocateNative(sizeof(nint) * Math.Max(m.Tables.Count, 1));
        Vmctx->Globals = (byte**)store.AllocateNative(sizeof(nint) * Math.Max(m.Globals.Count, 1));
        Vmctx->TypeIds = (int*)store.AllocateNative(sizeof(int) * Math.Max(m.Types.Count, 1));
        for (int i = 0; i < m.Types.Count; i++) Vmctx->TypeIds[i] = store.Engine.TypeId(m.Types[i]);

        _functions = new Function?[m.Functions.Count];
        _tables = new Table[m.Tables.Count];
        _globals = new Global[m.Globals.Count];
        _elements = new nint[]?[m.Elements.Count];
        _dataDropped = new bool[m.DataSegmentCount];

        Memory = BindImports(imports);
        for (int i = m.ImportedFunctionCount; i < m.Functions.Count; i++)
        {
            var f = &Vmctx->Functions[i];
            f->Code = module.Code.FunctionCode(i - m.ImportedFunctionCount);
            f->Vmctx = Vmctx;
            f->TypeId = Vmctx->TypeIds[m.Functions[i]];
        }
        if (m.Memories.Count > m.ImportedMemoryCount)
            Memory = new Memory(store, m.Memories[m.ImportedMemoryCount], $"memory 0 of module {module.Name ?? "(unnamed)"}");
        Memory?.Attach(Vmctx);
        for (int i = m.ImportedTableCount; i < m.Tables.Count; i++) SetTable(i, new Table(store, m.Tables[i], 0));
        for (int i = m.ImportedGlobalCount; i < m.Globals.Count; i++)
        {
            var def = m.GlobalDefs[i - m.ImportedGlobalCount];
            SetGlobal(i, new Global(store, def.Type, EvalConst(def.Init, def.Type.ValType)));
        }
        foreach (var e in m.Exports) _exports[e.Name] = ExportObject(e);
    }

    /// <summary>Applies element and data segments in order, then runs the start function (spec 2.0 order).</summary>
    internal void Initialize()
    {
        var m = Module.Info;
        for (int i = 0; i < m.Elements.Count; i++)
        {
            var seg = m.Elements[i];
            _elements[i] = EvalElements(seg);
            if (seg.Mode == SegmentMode.Active)
            {
                uint offset = (uint)EvalConst(seg.Offset, ValType.I32).Bits;
                TrapIf(TableInit((uint)seg.TableIndex, (uint)i, offset, 0, (uint)_elements[i]!.Length));
            }
            if (seg.Mode != SegmentMode.Passive) _elements[i] = null;
        }
        if (m.DataImage is { } image)
        {
            // an artifact's active segments, merged (their own segments are empty): one copy per run
            TrapIf(Memory is null ? TrapKind.OutOfBoundsMemoryAccess : image.ApplyTo(Memory.BaseInCall, Memory.LengthInCall));
        }
        else InitializeData(m);
        if (m.StartFunction is { } start) FunctionAt(start).Invoke();
    }

    /// <summary>Copies the active data segments, in order, and drops them.</summary>
    private void InitializeData(ModuleInfo m)
    {
        for (int i = 0; i < m.Data.Count; i++)
        {
            var seg = m.Data[i];
            if (seg.Mode != SegmentMode.Active) continue;
            uint offset = (uint)EvalConst(seg.Offset, ValType.I32).Bits;
            TrapIf(MemoryInit((uint)i, offset, 0, (uint)seg.DataLength));
            _dataDropped[i] = true;
        }
    }

    private static void TrapIf(TrapKind kind)
    {
        if (kind != TrapKind.None) throw new TrapException(kind);
    }

    private Memory? BindImports(object[] imports)
    {
        var m = Module.Info;
        Memory? memory = null;
        int func = 0, table = 0, global = 0;
        for (int i = 0; i < m.Imports.Count; i++)
        {
            switch (imports[i])
            {
                case Function f:
                    Vmctx->Functions[func] = *f.FuncRef;
                    _functions[func++] = f;
                    break;
                case Table t: SetTable(table++, t); break;
                case Memory mem: memory = mem; break;
                case Global g: SetGlobal(global++, g); break;
            }
        }
        return memory;
    }

    private void SetTable(int i, Table t)
    {
        _tables[i] = t;
        Vmctx->Tables[i] = t.Def;
    }

    private void SetGlobal(int i, Global g)
    {
        _globals[i] = g;
        Vmctx->Globals[i] = g.Cell;
    }

    private object ExportObject(Export e) => e.Kind switch
    {
        ExternKind.Func => FunctionAt(e.Index),
        ExternKind.Table => _tables[e.Index],
        ExternKind.Memory => Memory!,
        _ => _globals[e.Index],
    };

    internal Function FunctionAt(uint index)
    {
        if (_functions[index] is { } f) return f;
        var raw = (nint)(&Vmctx->Functions[index]);
        f = Store.FunctionFor(raw)!;
        _functions[index] = f;
        return f;
    }

    internal nint FuncRefAt(uint index) =>
        _functions[index] is { } f ? (nint)f.FuncRef : (nint)(&Vmctx->Functions[index]);

    /// <summary>Evaluates a constant expression (validated: one constant, global.get, ref.null or ref.func).</summary>
    private Value EvalConst(ConstExpr expr, ValType type)
    {
        var reader = new OperatorReader(Module.Info.Bytes.AsSpan(expr.Offset, expr.Length), expr.Offset);
        var ins = new Instruction();
        reader.Read(ref ins);
        return ins.Opcode switch
        {
            Opcode.I32Const or Opcode.I64Const or Opcode.F32Const or Opcode.F64Const => new Value(type, ins.Value),
            Opcode.V128Const => Value.V128(ins.Value, ins.Value2),
            Opcode.RefNull => ins.Type == ValType.FuncRef ? Value.FuncRef(null) : Value.ExternRef(null),
            Opcode.RefFunc => Value.FuncRef(FunctionAt(ins.Index)),
            Opcode.GlobalGet => _globals[ins.Index].Value,
            _ => throw new InvalidOperationException($"not a constant expression: {OpcodeTable.Name(ins.Opcode)}"),
        };
    }

    /// <summary>Marks the externref handles of passive element segments not yet dropped; returns how many it saw.</summary>
    internal long MarkExternRefs(ExternRefs refs)
    {
        long seen = 0;
        for (int i = 0; i < _elements.Length; i++)
        {
            if (_elements[i] is not { } items || Module.Info.Elements[i].ElemType != ValType.ExternRef) continue;
            foreach (var h in items) refs.Mark(h);
            seen += items.Length;
        }
        return seen;
    }

    private nint[] EvalElements(ElementSegment seg)
    {
        var items = new nint[seg.Count];
        if (seg.FunctionIndices is { } fs)
        {
            for (int k = 0; k < fs.Length; k++) items[k] = FuncRefAt(fs[k]);
        }
        else
        {
            for (int k = 0; k < items.Length; k++) items[k] = Store.ValueToRef(EvalConst(seg.Expressions![k], seg.ElemType), seg.ElemType);
        }
        return items;
    }

    // ---- exports ------------------------------------------------------------------------------------------

    /// <summary>Every export by name: <see cref="Function"/>, <see cref="Memory"/>, <see cref="Table"/> or <see cref="Global"/>.</summary>
    public IReadOnlyDictionary<string, object> Exports
    {
        get
        {
            Store.ThrowIfDisposed();
            return _exports;
        }
    }

    /// <summary>The exported function <paramref name="name"/>, or null.</summary>
    public Function? GetFunction(string name) => Exports.GetValueOrDefault(name) as Function;
    /// <summary>The exported memory <paramref name="name"/>, or null.</summary>
    public Memory? GetMemory(string name) => Exports.GetValueOrDefault(name) as Memory;
    /// <summary>The exported table <paramref name="name"/>, or null.</summary>
    public Table? GetTable(string name) => Exports.GetValueOrDefault(name) as Table;
    /// <summary>The exported global <paramref name="name"/>, or null.</summary>
    public Global? GetGlobal(string name) => Exports.GetValueOrDefault(name) as Global;
}
