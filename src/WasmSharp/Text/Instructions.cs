namespace WasmSharp.Text;

/// <summary>The instruction names of WebAssembly 2.0 and their encodings (spec 5.4, 6.5).</summary>
internal static class Instructions
{
    private static readonly Dictionary<string, OpInfo> Table = Build();
    private static readonly Dictionary<string, OpInfo>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryGet(ReadOnlySpan<char> name, out OpInfo op) => ByName.TryGetValue(name, out op);

    private static Dictionary<string, OpInfo> Build()
    {
        var d = new Dictionary<string, OpInfo>(600, StringComparer.Ordinal);
        void Op(string name, uint code, Immediate imm = Immediate.None, byte align = 0) => d.Add(name, new(0, code, imm, align));
        void Fc(string name, uint code, Immediate imm = Immediate.None) => d.Add(name, new(0xFC, code, imm, 0));
        void Fd(string name, uint code, Immediate imm = Immediate.None, byte align = 0) => d.Add(name, new(0xFD, code, imm, align));
        void Run(uint first, string names, byte prefix = 0)
        {
            foreach (var n in names.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (n != "-") d.Add(n, new(prefix, first, Immediate.None, 0));
                first++;
            }
        }

        Op("unreachable", 0x00); Op("nop", 0x01);
        Op("block", 0x02, Immediate.Block); Op("loop", 0x03, Immediate.Loop); Op("if", 0x04, Immediate.If);
        Op("else", 0x05, Immediate.Else); Op("end", 0x0B, Immediate.End);
        Op("br", 0x0C, Immediate.Label); Op("br_if", 0x0D, Immediate.Label); Op("br_table", 0x0E, Immediate.BrTable);
        Op("return", 0x0F); Op("call", 0x10, Immediate.Func); Op("call_indirect", 0x11, Immediate.CallIndirect);
        Op("drop", 0x1A); Op("select", 0x1B, Immediate.Select);
        Op("local.get", 0x20, Immediate.Local); Op("local.set", 0x21, Immediate.Local); Op("local.tee", 0x22, Immediate.Local);
        Op("global.get", 0x23, Immediate.Global); Op("global.set", 0x24, Immediate.Global);
        Op("table.get", 0x25, Immediate.Table); Op("table.set", 0x26, Immediate.Table);

        Op("i32.load", 0x28, Immediate.MemArg, 2); Op("i64.load", 0x29, Immediate.MemArg, 3);
        Op("f32.load", 0x2A, Immediate.MemArg, 2); Op("f64.load", 0x2B, Immediate.MemArg, 3);
        Op("i32.load8_s", 0x2C, Immediate.MemArg, 0); Op("i32.load8_u", 0x2D, Immediate.MemArg, 0);
        Op("i32.load16_s", 0x2E, Immediate.MemArg, 1); Op("i32.load16_u", 0x2F, Immediate.MemArg, 1);
        Op("i64.load8_s", 0x30, Immediate.MemArg, 0); Op("i64.load8_u", 0x31, Immediate.MemArg, 0);
        Op("i64.load16_s", 0x32, Immediate.MemArg, 1); Op("i64.load16_u", 0x33, Immediate.MemArg, 1);
        Op("i64.load32_s", 0x34, Immediate.MemArg, 2); Op("i64.load32_u", 0x35, Immediate.MemArg, 2);
        Op("i32.store", 0x36, Immediate.MemArg, 2); Op("i64.store", 0x37, Immediate.MemArg, 3);
        Op("f32.store", 0x38, Immediate.MemArg, 2); Op("f64.store", 0x39, Immediate.MemArg, 3);
        Op("i32.store8", 0x3A, Immediate.MemArg, 0); Op("i32.store16", 0x3B, Immediate.MemArg, 1);
        Op("i64.store8", 0x3C, Immediate.MemArg, 0); Op("i64.store16", 0x3D, Immediate.MemArg, 1);
        Op("i64.store32", 0x3E, Immediate.MemArg, 2);
        Op("memory.size", 0x3F, Immediate.Memory); Op("memory.grow", 0x40, Immediate.Memory);
        Op("i32.const", 0x41, Immediate.I32); Op("i64.const", 0x42, Immediate.I64);
        Op("f32.const", 0x43, Immediate.F32); Op("f64.const", 0x44, Immediate.F64);

        Run(0x45, "i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u");
        Run(0x50, "i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u");
        Run(0x5B, "f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge");
        Run(0x67, "i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u " +
                  "i32.and i32.or i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr");
        Run(0x79, "i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u " +
                  "i64.and i64.or i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr");
        Run(0x8B, "f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div " +
                  "f32.min f32.max f32.copysign");
        Run(0x99, "f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub f64.mul f64.div " +
                  "f64.min f64.max f64.copysign");
        Run(0xA7, "i32.wrap_i64 i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u i64.extend_i32_s " +
                  "i64.extend_i32_u i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s " +
                  "f32.convert_i32_u f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u " +
                  "f64.convert_i64_s f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 " +
                  "f32.reinterpret_i32 f64.reinterpret_i64");
        Run(0xC0, "i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s");
        Op("ref.null", 0xD0, Immediate.RefNull); Op("ref.is_null", 0xD1); Op("ref.func", 0xD2, Immediate.Func);

        Run(0, "i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u " +
               "i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u", 0xFC);
        Fc("memory.init", 8, Immediate.MemoryInit); Fc("data.drop", 9, Immediate.Data);
        Fc("memory.copy", 10, Immediate.MemoryCopy); Fc("memory.fill", 11, Immediate.Memory);
        Fc("table.init", 12, Immediate.TableInit); Fc("elem.drop", 13, Immediate.Elem);
        Fc("table.copy", 14, Immediate.TableCopy); Fc("table.grow", 15, Immediate.Table);
        Fc("table.size", 16, Immediate.Table); Fc("table.fill", 17, Immediate.Table);

        AddSimd(Fd, Run);
        return d;
    }

    private static void AddSimd(Action<string, uint, Immediate, byte> fd, Action<uint, string, byte> run)
    {
        fd("v128.load", 0x00, Immediate.MemArg, 4);
        fd("v128.load8x8_s", 0x01, Immediate.MemArg, 3); fd("v128.load8x8_u", 0x02, Immediate.MemArg, 3);
        fd("v128.load16x4_s", 0x03, Immediate.MemArg, 3); fd("v128.load16x4_u", 0x04, Immediate.MemArg, 3);
        fd("v128.load32x2_s", 0x05, Immediate.MemArg, 3); fd("v128.load32x2_u", 0x06, Immediate.MemArg, 3);
        fd("v128.load8_splat", 0x07, Immediate.MemArg, 0); fd("v128.load16_splat", 0x08, Immediate.MemArg, 1);
        fd("v128.load32_splat", 0x09, Immediate.MemArg, 2); fd("v128.load64_splat", 0x0A, Immediate.MemArg, 3);
        fd("v128.store", 0x0B, Immediate.MemArg, 4);
        fd("v128.const", 0x0C, Immediate.V128, 0);
        fd("i8x16.shuffle", 0x0D, Immediate.Shuffle, 0);
        run(0x0E, "i8x16.swizzle i8x16.splat i16x8.splat i32x4.splat i64x2.splat f32x4.splat f64x2.splat", 0xFD);
        uint lane = 0x15;
        const string laneOps = "i8x16.extract_lane_s i8x16.extract_lane_u i8x16.replace_lane i16x8.extract_lane_s " +
                          "i16x8.extract_lane_u i16x8.replace_lane i32x4.extract_lane i32x4.replace_lane i64x2.extract_lane " +
                          "i64x2.replace_lane f32x4.extract_lane f32x4.replace_lane f64x2.extract_lane f64x2.replace_lane";
        foreach (var n in laneOps.Split(' '))
        {
            fd(n, lane++, Immediate.Lane, 0);
        }
        run(0x23, "i8x16.eq i8x16.ne i8x16.lt_s i8x16.lt_u i8x16.gt_s i8x16.gt_u i8x16.le_s i8x16.le_u i8x16.ge_s i8x16.ge_u " +
                  "i16x8.eq i16x8.ne i16x8.lt_s i16x8.lt_u i16x8.gt_s i16x8.gt_u i16x8.le_s i16x8.le_u i16x8.ge_s i16x8.ge_u " +
                  "i32x4.eq i32x4.ne i32x4.lt_s i32x4.lt_u i32x4.gt_s i32x4.gt_u i32x4.le_s i32x4.le_u i32x4.ge_s i32x4.ge_u " +
                  "f32x4.eq f32x4.ne f32x4.lt f32x4.gt f32x4.le f32x4.ge f64x2.eq f64x2.ne f64x2.lt f64x2.gt f64x2.le f64x2.ge " +
                  "v128.not v128.and v128.andnot v128.or v128.xor v128.bitselect v128.any_true", 0xFD);
        fd("v128.load8_lane", 0x54, Immediate.MemArgLane, 0); fd("v128.load16_lane", 0x55, Immediate.MemArgLane, 1);
        fd("v128.load32_lane", 0x56, Immediate.MemArgLane, 2); fd("v128.load64_lane", 0x57, Immediate.MemArgLane, 3);
        fd("v128.store8_lane", 0x58, Immediate.MemArgLane, 0); fd("v128.store16_lane", 0x59, Immediate.MemArgLane, 1);
        fd("v128.store32_lane", 0x5A, Immediate.MemArgLane, 2); fd("v128.store64_lane", 0x5B, Immediate.MemArgLane, 3);
        fd("v128.load32_zero", 0x5C, Immediate.MemArg, 2); fd("v128.load64_zero", 0x5D, Immediate.MemArg, 3);
        run(0x5E, "f32x4.demote_f64x2_zero f64x2.promote_low_f32x4 " +
                  "i8x16.abs i8x16.neg i8x16.popcnt i8x16.all_true i8x16.bitmask i8x16.narrow_i16x8_s i8x16.narrow_i16x8_u " +
                  "f32x4.ceil f32x4.floor f32x4.trunc f32x4.nearest " +
                  "i8x16.shl i8x16.shr_s i8x16.shr_u i8x16.add i8x16.add_sat_s i8x16.add_sat_u i8x16.sub i8x16.sub_sat_s " +
                  "i8x16.sub_sat_u f64x2.ceil f64x2.floor i8x16.min_s i8x16.min_u i8x16.max_s i8x16.max_u f64x2.trunc " +
                  "i8x16.avgr_u i16x8.extadd_pairwise_i8x16_s i16x8.extadd_pairwise_i8x16_u " +
                  "i32x4.extadd_pairwise_i16x8_s i32x4.extadd_pairwise_i16x8_u " +
                  "i16x8.abs i16x8.neg i16x8.q15mulr_sat_s i16x8.all_true i16x8.bitmask i16x8.narrow_i32x4_s " +
                  "i16x8.narrow_i32x4_u i16x8.extend_low_i8x16_s i16x8.extend_high_i8x16_s i16x8.extend_low_i8x16_u " +
                  "i16x8.extend_high_i8x16_u i16x8.shl i16x8.shr_s i16x8.shr_u i16x8.add i16x8.add_sat_s i16x8.add_sat_u " +
                  "i16x8.sub i16x8.sub_sat_s i16x8.sub_sat_u f64x2.nearest i16x8.mul i16x8.min_s i16x8.min_u i16x8.max_s " +
                  "i16x8.max_u - i16x8.avgr_u i16x8.extmul_low_i8x16_s i16x8.extmul_high_i8x16_s " +
                  "i16x8.extmul_low_i8x16_u i16x8.extmul_high_i8x16_u " +
                  "i32x4.abs i32x4.neg - i32x4.all_true i32x4.bitmask - - i32x4.extend_low_i16x8_s " +
                  "i32x4.extend_high_i16x8_s i32x4.extend_low_i16x8_u i32x4.extend_high_i16x8_u i32x4.shl i32x4.shr_s " +
                  "i32x4.shr_u i32x4.add - - i32x4.sub - - - i32x4.mul i32x4.min_s i32x4.min_u i32x4.max_s i32x4.max_u " +
                  "i32x4.dot_i16x8_s - i32x4.extmul_low_i16x8_s i32x4.extmul_high_i16x8_s i32x4.extmul_low_i16x8_u " +
                  "i32x4.extmul_high_i16x8_u " +
                  "i64x2.abs i64x2.neg - i64x2.all_true i64x2.bitmask - - i64x2.extend_low_i32x4_s i64x2.extend_high_i32x4_s " +
                  "i64x2.extend_low_i32x4_u i64x2.extend_high_i32x4_u i64x2.shl i64x2.shr_s i64x2.shr_u i64x2.add - - " +
                  "i64x2.sub - - - i64x2.mul i64x2.eq i64x2.ne i64x2.lt_s i64x2.gt_s i64x2.le_s i64x2.ge_s " +
                  "i64x2.extmul_low_i32x4_s i64x2.extmul_high_i32x4_s i64x2.extmul_low_i32x4_u i64x2.extmul_high_i32x4_u " +
                  "f32x4.abs f32x4.neg - f32x4.sqrt f32x4.add f32x4.sub f32x4.mul f32x4.div f32x4.min f32x4.max " +
                  "f32x4.pmin f32x4.pmax f64x2.abs f64x2.neg - f64x2.sqrt f64x2.add f64x2.sub f64x2.mul f64x2.div " +
                  "f64x2.min f64x2.max f64x2.pmin f64x2.pmax " +
                  "i32x4.trunc_sat_f32x4_s i32x4.trunc_sat_f32x4_u f32x4.convert_i32x4_s f32x4.convert_i32x4_u " +
                  "i32x4.trunc_sat_f64x2_s_zero i32x4.trunc_sat_f64x2_u_zero f64x2.convert_low_i32x4_s " +
                  "f64x2.convert_low_i32x4_u", 0xFD);
    }
}
