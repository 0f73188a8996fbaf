#!/usr/bin/env python3
"""Generates src/WasmSharp/Binary/Opcode.cs and OpcodeTable.g.cs from one table of WebAssembly 2.0 opcodes.

Columns: encoding, text name, immediate kind, signature, natural alignment (log2, memory ops only).
Signature letters: i=i32 l=i64 f=f32 d=f64 v=v128; "*" = typed by the validator by hand.
Run: python3 tools/gen_opcodes.py
"""
import os

ops = []
def op(code, name, imm="None", sig="*", align=-1):
    ops.append((code, name, imm, sig, align))

# control
op(0x00,"unreachable","None","*"); op(0x01,"nop","None",":")
op(0x02,"block","Block"); op(0x03,"loop","Block"); op(0x04,"if","Block"); op(0x05,"else")
op(0x0B,"end"); op(0x0C,"br","Label"); op(0x0D,"br_if","Label"); op(0x0E,"br_table","BrTable")
op(0x0F,"return"); op(0x10,"call","Func"); op(0x11,"call_indirect","CallIndirect")
op(0x1A,"drop"); op(0x1B,"select"); op(0x1C,"select_t","SelectT")
op(0x20,"local.get","Local"); op(0x21,"local.set","Local"); op(0x22,"local.tee","Local")
op(0x23,"global.get","Global"); op(0x24,"global.set","Global")
op(0x25,"table.get","Table"); op(0x26,"table.set","Table")
# memory
loads = [(0x28,"i32.load","i:i",2),(0x29,"i64.load","i:l",3),(0x2A,"f32.load","i:f",2),(0x2B,"f64.load","i:d",3),
 (0x2C,"i32.load8_s","i:i",0),(0x2D,"i32.load8_u","i:i",0),(0x2E,"i32.load16_s","i:i",1),(0x2F,"i32.load16_u","i:i",1),
 (0x30,"i64.load8_s","i:l",0),(0x31,"i64.load8_u","i:l",0),(0x32,"i64.load16_s","i:l",1),(0x33,"i64.load16_u","i:l",1),
 (0x34,"i64.load32_s","i:l",2),(0x35,"i64.load32_u","i:l",2),
 (0x36,"i32.store","ii:",2),(0x37,"i64.store","il:",3),(0x38,"f32.store","if:",2),(0x39,"f64.store","id:",3),
 (0x3A,"i32.store8","ii:",0),(0x3B,"i32.store16","ii:",1),(0x3C,"i64.store8","il:",0),(0x3D,"i64.store16","il:",1),(0x3E,"i64.store32","il:",2)]
for c,n,s,a in loads: op(c,n,"MemArg",s,a)
op(0x3F,"memory.size","MemoryIndex",":i"); op(0x40,"memory.grow","MemoryIndex","i:i")
op(0x41,"i32.const","I32",":i"); op(0x42,"i64.const","I64",":l"); op(0x43,"f32.const","F32",":f"); op(0x44,"f64.const","F64",":d")
def seq(start, names, sig):
    for k,n in enumerate(names): op(start+k, n, "None", sig)
op(0x45,"i32.eqz","None","i:i"); seq(0x46,["i32.eq","i32.ne","i32.lt_s","i32.lt_u","i32.gt_s","i32.gt_u","i32.le_s","i32.le_u","i32.ge_s","i32.ge_u"],"ii:i")
op(0x50,"i64.eqz","None","l:i"); seq(0x51,["i64.eq","i64.ne","i64.lt_s","i64.lt_u","i64.gt_s","i64.gt_u","i64.le_s","i64.le_u","i64.ge_s","i64.ge_u"],"ll:i")
seq(0x5B,["f32.eq","f32.ne","f32.lt","f32.gt","f32.le","f32.ge"],"ff:i")
seq(0x61,["f64.eq","f64.ne","f64.lt","f64.gt","f64.le","f64.ge"],"dd:i")
seq(0x67,["i32.clz","i32.ctz","i32.popcnt"],"i:i")
seq(0x6A,["i32.add","i32.sub","i32.mul","i32.div_s","i32.div_u","i32.rem_s","i32.rem_u","i32.and","i32.or","i32.xor","i32.shl","i32.shr_s","i32.shr_u","i32.rotl","i32.rotr"],"ii:i")
seq(0x79,["i64.clz","i64.ctz","i64.popcnt"],"l:l")
seq(0x7C,["i64.add","i64.sub","i64.mul","i64.div_s","i64.div_u","i64.rem_s","i64.rem_u","i64.and","i64.or","i64.xor","i64.shl","i64.shr_s","i64.shr_u","i64.rotl","i64.rotr"],"ll:l")
seq(0x8B,["f32.abs","f32.neg","f32.ceil","f32.floor","f32.trunc","f32.nearest","f32.sqrt"],"f:f")
seq(0x92,["f32.add","f32.sub","f32.mul","f32.div","f32.min","f32.max","f32.copysign"],"ff:f")
seq(0x99,["f64.abs","f64.neg","f64.ceil","f64.floor","f64.trunc","f64.nearest","f64.sqrt"],"d:d")
seq(0xA0,["f64.add","f64.sub","f64.mul","f64.div","f64.min","f64.max","f64.copysign"],"dd:d")
conv = [(0xA7,"i32.wrap_i64","l:i"),(0xA8,"i32.trunc_f32_s","f:i"),(0xA9,"i32.trunc_f32_u","f:i"),(0xAA,"i32.trunc_f64_s","d:i"),(0xAB,"i32.trunc_f64_u","d:i"),
 (0xAC,"i64.extend_i32_s","i:l"),(0xAD,"i64.extend_i32_u","i:l"),(0xAE,"i64.trunc_f32_s","f:l"),(0xAF,"i64.trunc_f32_u","f:l"),(0xB0,"i64.trunc_f64_s","d:l"),(0xB1,"i64.trunc_f64_u","d:l"),
 (0xB2,"f32.convert_i32_s","i:f"),(0xB3,"f32.convert_i32_u","i:f"),(0xB4,"f32.convert_i64_s","l:f"),(0xB5,"f32.convert_i64_u","l:f"),(0xB6,"f32.demote_f64","d:f"),
 (0xB7,"f64.convert_i32_s","i:d"),(0xB8,"f64.convert_i32_u","i:d"),(0xB9,"f64.convert_i64_s","l:d"),(0xBA,"f64.convert_i64_u","l:d"),(0xBB,"f64.promote_f32","f:d"),
 (0xBC,"i32.reinterpret_f32","f:i"),(0xBD,"i64.reinterpret_f64","d:l"),(0xBE,"f32.reinterpret_i32","i:f"),(0xBF,"f64.reinterpret_i64","l:d"),
 (0xC0,"i32.extend8_s","i:i"),(0xC1,"i32.extend16_s","i:i"),(0xC2,"i64.extend8_s","l:l"),(0xC3,"i64.extend16_s","l:l"),(0xC4,"i64.extend32_s","l:l")]
for c,n,s in conv: op(c,n,"None",s)
op(0xD0,"ref.null","RefType"); op(0xD1,"ref.is_null"); op(0xD2,"ref.func","Func")
# 0xFC prefix
FC=0x100
seq(FC+0,["i32.trunc_sat_f32_s","i32.trunc_sat_f32_u"],"f:i"); seq(FC+2,["i32.trunc_sat_f64_s","i32.trunc_sat_f64_u"],"d:i")
seq(FC+4,["i64.trunc_sat_f32_s","i64.trunc_sat_f32_u"],"f:l"); seq(FC+6,["i64.trunc_sat_f64_s","i64.trunc_sat_f64_u"],"d:l")
op(FC+8,"memory.init","MemoryInit"); op(FC+9,"data.drop","Data"); op(FC+10,"memory.copy","MemoryCopy"); op(FC+11,"memory.fill","MemoryIndex")
op(FC+12,"table.init","TableInit"); op(FC+13,"elem.drop","Elem"); op(FC+14,"table.copy","TableCopy")
op(FC+15,"table.grow","Table"); op(FC+16,"table.size","Table"); op(FC+17,"table.fill","Table")
# 0xFD prefix: SIMD
FD=0x200
simd_mem = [(0,"v128.load","i:v",4),(1,"v128.load8x8_s","i:v",3),(2,"v128.load8x8_u","i:v",3),(3,"v128.load16x4_s","i:v",3),(4,"v128.load16x4_u","i:v",3),
 (5,"v128.load32x2_s","i:v",3),(6,"v128.load32x2_u","i:v",3),(7,"v128.load8_splat","i:v",0),(8,"v128.load16_splat","i:v",1),(9,"v128.load32_splat","i:v",2),
 (10,"v128.load64_splat","i:v",3),(11,"v128.store","iv:",4),(0x5C,"v128.load32_zero","i:v",2),(0x5D,"v128.load64_zero","i:v",3)]
for c,n,s,a in simd_mem: op(FD+c,n,"MemArg",s,a)
op(FD+0x0C,"v128.const","V128",":v"); op(FD+0x0D,"i8x16.shuffle","Shuffle","vv:v"); op(FD+0x0E,"i8x16.swizzle","None","vv:v")
for k,(n,s) in enumerate([("i8x16.splat","i:v"),("i16x8.splat","i:v"),("i32x4.splat","i:v"),("i64x2.splat","l:v"),("f32x4.splat","f:v"),("f64x2.splat","d:v")]): op(FD+0x0F+k,n,"None",s)
lanes = [(0x15,"i8x16.extract_lane_s","v:i"),(0x16,"i8x16.extract_lane_u","v:i"),(0x17,"i8x16.replace_lane","vi:v"),
 (0x18,"i16x8.extract_lane_s","v:i"),(0x19,"i16x8.extract_lane_u","v:i"),(0x1A,"i16x8.replace_lane","vi:v"),
 (0x1B,"i32x4.extract_lane","v:i"),(0x1C,"i32x4.replace_lane","vi:v"),(0x1D,"i64x2.extract_lane","v:l"),(0x1E,"i64x2.replace_lane","vl:v"),
 (0x1F,"f32x4.extract_lane","v:f"),(0x20,"f32x4.replace_lane","vf:v"),(0x21,"f64x2.extract_lane","v:d"),(0x22,"f64x2.replace_lane","vd:v")]
for c,n,s in lanes: op(FD+c,n,"Lane",s)
cmp8 = ["eq","ne","lt_s","lt_u","gt_s","gt_u","le_s","le_u","ge_s","ge_u"]
seq(FD+0x23,["i8x16."+x for x in cmp8],"vv:v"); seq(FD+0x2D,["i16x8."+x for x in cmp8],"vv:v"); seq(FD+0x37,["i32x4."+x for x in cmp8],"vv:v")
seq(FD+0x41,["f32x4."+x for x in ["eq","ne","lt","gt","le","ge"]],"vv:v"); seq(FD+0x47,["f64x2."+x for x in ["eq","ne","lt","gt","le","ge"]],"vv:v")
op(FD+0x4D,"v128.not","None","v:v"); seq(FD+0x4E,["v128.and","v128.andnot","v128.or","v128.xor"],"vv:v")
op(FD+0x52,"v128.bitselect","None","vvv:v"); op(FD+0x53,"v128.any_true","None","v:i")
for k,(n,a) in enumerate([("v128.load8_lane",0),("v128.load16_lane",1),("v128.load32_lane",2),("v128.load64_lane",3)]): op(FD+0x54+k,n,"MemArgLane","iv:v",a)
for k,(n,a) in enumerate([("v128.store8_lane",0),("v128.store16_lane",1),("v128.store32_lane",2),("v128.store64_lane",3)]): op(FD+0x58+k,n,"MemArgLane","iv:",a)
simd = {
 0x5E:("f32x4.demote_f64x2_zero","v:v"),0x5F:("f64x2.promote_low_f32x4","v:v"),
 0x60:("i8x16.abs","v:v"),0x61:("i8x16.neg","v:v"),0x62:("i8x16.popcnt","v:v"),0x63:("i8x16.all_true","v:i"),0x64:("i8x16.bitmask","v:i"),
 0x65:("i8x16.narrow_i16x8_s","vv:v"),0x66:("i8x16.narrow_i16x8_u","vv:v"),
 0x67:("f32x4.ceil","v:v"),0x68:("f32x4.floor","v:v"),0x69:("f32x4.trunc","v:v"),0x6A:("f32x4.nearest","v:v"),
 0x6B:("i8x16.shl","vi:v"),0x6C:("i8x16.shr_s","vi:v"),0x6D:("i8x16.shr_u","vi:v"),
 0x6E:("i8x16.add","vv:v"),0x6F:("i8x16.add_sat_s","vv:v"),0x70:("i8x16.add_sat_u","vv:v"),0x71:("i8x16.sub","vv:v"),0x72:("i8x16.sub_sat_s","vv:v"),0x73:("i8x16.sub_sat_u","vv:v"),
 0x74:("f64x2.ceil","v:v"),0x75:("f64x2.floor","v:v"),
 0x76:("i8x16.min_s","vv:v"),0x77:("i8x16.min_u","vv:v"),0x78:("i8x16.max_s","vv:v"),0x79:("i8x16.max_u","vv:v"),
 0x7A:("f64x2.trunc","v:v"),0x7B:("i8x16.avgr_u","vv:v"),
 0x7C:("i16x8.extadd_pairwise_i8x16_s","v:v"),0x7D:("i16x8.extadd_pairwise_i8x16_u","v:v"),0x7E:("i32x4.extadd_pairwise_i16x8_s","v:v"),0x7F:("i32x4.extadd_pairwise_i16x8_u","v:v"),
 0x80:("i16x8.abs","v:v"),0x81:("i16x8.neg","v:v"),0x82:("i16x8.q15mulr_sat_s","vv:v"),0x83:("i16x8.all_true","v:i"),0x84:("i16x8.bitmask","v:i"),
 0x85:("i16x8.narrow_i32x4_s","vv:v"),0x86:("i16x8.narrow_i32x4_u","vv:v"),
 0x87:("i16x8.extend_low_i8x16_s","v:v"),0x88:("i16x8.extend_high_i8x16_s","v:v"),0x89:("i16x8.extend_low_i8x16_u","v:v"),0x8A:("i16x8.extend_high_i8x16_u","v:v"),
 0x8B:("i16x8.shl","vi:v"),0x8C:("i16x8.shr_s","vi:v"),0x8D:("i16x8.shr_u","vi:v"),
 0x8E:("i16x8.add","vv:v"),0x8F:("i16x8.add_sat_s","vv:v"),0x90:("i16x8.add_sat_u","vv:v"),0x91:("i16x8.sub","vv:v"),0x92:("i16x8.sub_sat_s","vv:v"),0x93:("i16x8.sub_sat_u","vv:v"),
 0x94:("f64x2.nearest","v:v"),0x95:("i16x8.mul","vv:v"),
 0x96:("i16x8.min_s","vv:v"),0x97:("i16x8.min_u","vv:v"),0x98:("i16x8.max_s","vv:v"),0x99:("i16x8.max_u","vv:v"),0x9B:("i16x8.avgr_u","vv:v"),
 0x9C:("i16x8.extmul_low_i8x16_s","vv:v"),0x9D:("i16x8.extmul_high_i8x16_s","vv:v"),0x9E:("i16x8.extmul_low_i8x16_u","vv:v"),0x9F:("i16x8.extmul_high_i8x16_u","vv:v"),
 0xA0:("i32x4.abs","v:v"),0xA1:("i32x4.neg","v:v"),0xA3:("i32x4.all_true","v:i"),0xA4:("i32x4.bitmask","v:i"),
 0xA7:("i32x4.extend_low_i16x8_s","v:v"),0xA8:("i32x4.extend_high_i16x8_s","v:v"),0xA9:("i32x4.extend_low_i16x8_u","v:v"),0xAA:("i32x4.extend_high_i16x8_u","v:v"),
 0xAB:("i32x4.shl","vi:v"),0xAC:("i32x4.shr_s","vi:v"),0xAD:("i32x4.shr_u","vi:v"),0xAE:("i32x4.add","vv:v"),0xB1:("i32x4.sub","vv:v"),0xB5:("i32x4.mul","vv:v"),
 0xB6:("i32x4.min_s","vv:v"),0xB7:("i32x4.min_u","vv:v"),0xB8:("i32x4.max_s","vv:v"),0xB9:("i32x4.max_u","vv:v"),0xBA:("i32x4.dot_i16x8_s","vv:v"),
 0xBC:("i32x4.extmul_low_i16x8_s","vv:v"),0xBD:("i32x4.extmul_high_i16x8_s","vv:v"),0xBE:("i32x4.extmul_low_i16x8_u","vv:v"),0xBF:("i32x4.extmul_high_i16x8_u","vv:v"),
 0xC0:("i64x2.abs","v:v"),0xC1:("i64x2.neg","v:v"),0xC3:("i64x2.all_true","v:i"),0xC4:("i64x2.bitmask","v:i"),
 0xC7:("i64x2.extend_low_i32x4_s","v:v"),0xC8:("i64x2.extend_high_i32x4_s","v:v"),0xC9:("i64x2.extend_low_i32x4_u","v:v"),0xCA:("i64x2.extend_high_i32x4_u","v:v"),
 0xCB:("i64x2.shl","vi:v"),0xCC:("i64x2.shr_s","vi:v"),0xCD:("i64x2.shr_u","vi:v"),0xCE:("i64x2.add","vv:v"),0xD1:("i64x2.sub","vv:v"),0xD5:("i64x2.mul","vv:v"),
 0xD6:("i64x2.eq","vv:v"),0xD7:("i64x2.ne","vv:v"),0xD8:("i64x2.lt_s","vv:v"),0xD9:("i64x2.gt_s","vv:v"),0xDA:("i64x2.le_s","vv:v"),0xDB:("i64x2.ge_s","vv:v"),
 0xDC:("i64x2.extmul_low_i32x4_s","vv:v"),0xDD:("i64x2.extmul_high_i32x4_s","vv:v"),0xDE:("i64x2.extmul_low_i32x4_u","vv:v"),0xDF:("i64x2.extmul_high_i32x4_u","vv:v"),
 0xE0:("f32x4.abs","v:v"),0xE1:("f32x4.neg","v:v"),0xE3:("f32x4.sqrt","v:v"),0xE4:("f32x4.add","vv:v"),0xE5:("f32x4.sub","vv:v"),0xE6:("f32x4.mul","vv:v"),0xE7:("f32x4.div","vv:v"),
 0xE8:("f32x4.min","vv:v"),0xE9:("f32x4.max","vv:v"),0xEA:("f32x4.pmin","vv:v"),0xEB:("f32x4.pmax","vv:v"),
 0xEC:("f64x2.abs","v:v"),0xED:("f64x2.neg","v:v"),0xEF:("f64x2.sqrt","v:v"),0xF0:("f64x2.add","vv:v"),0xF1:("f64x2.sub","vv:v"),0xF2:("f64x2.mul","vv:v"),0xF3:("f64x2.div","vv:v"),
 0xF4:("f64x2.min","vv:v"),0xF5:("f64x2.max","vv:v"),0xF6:("f64x2.pmin","vv:v"),0xF7:("f64x2.pmax","vv:v"),
 0xF8:("i32x4.trunc_sat_f32x4_s","v:v"),0xF9:("i32x4.trunc_sat_f32x4_u","v:v"),0xFA:("f32x4.convert_i32x4_s","v:v"),0xFB:("f32x4.convert_i32x4_u","v:v"),
 0xFC:("i32x4.trunc_sat_f64x2_s_zero","v:v"),0xFD:("i32x4.trunc_sat_f64x2_u_zero","v:v"),0xFE:("f64x2.convert_low_i32x4_s","v:v"),0xFF:("f64x2.convert_low_i32x4_u","v:v"),
}
for c,(n,s) in simd.items(): op(FD+c,n,"None",s)

codes = [o[0] for o in ops]
assert len(codes) == len(set(codes)), "duplicate opcode"

def ident(name):
    parts = name.replace(".", "_").split("_")
    return "".join(p[:1].upper() + p[1:] for p in parts)

ops.sort()
root = os.path.join(os.path.dirname(__file__), "..", "src", "WasmSharp", "Binary")
with open(os.path.join(root, "Opcode.cs"), "w") as f:
    f.write("// <auto-generated> by tools/gen_opcodes.py: edit the table there, not this file. </auto-generated>\n")
    f.write("namespace WasmSharp.Binary;\n\n")
    f.write("/// <summary>Every WebAssembly 2.0 opcode. Single-byte opcodes keep their byte; 0xFC-prefixed ones are\n")
    f.write("/// 0x100 + sub-opcode and 0xFD-prefixed (SIMD) ones 0x200 + sub-opcode, so one table indexes them all.</summary>\n")
    f.write("public enum Opcode : ushort\n{\n")
    for c,n,imm,s,a in ops:
        f.write(f"    /// <summary><c>{n}</c></summary>\n")  # the text name: the package documents every public member
        f.write(f"    {ident(n)} = 0x{c:03X},\n")
    f.write("}\n")
with open(os.path.join(root, "OpcodeTable.g.cs"), "w") as f:
    f.write("// <auto-generated> by tools/gen_opcodes.py: edit the table there, not this file. </auto-generated>\n")
    f.write("namespace WasmSharp.Binary;\n\npublic static partial class OpcodeTable\n{\n")
    f.write("    private static void Fill()\n    {\n")
    for c,n,imm,s,a in ops:
        f.write(f"        Def(Opcode.{ident(n)}, \"{n}\", ImmediateKind.{imm}, \"{s}\", {a});\n")
    f.write("    }\n}\n")
print(len(ops), "opcodes")
