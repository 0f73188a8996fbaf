;; Found by the differential fuzzer (own generator, seed 683463020), reduced by hand.
;; CIL: the second load (effective address 65578, past the 1-page memory) must trap; with RyuJIT's optimizations
;; the process dies of an AccessViolationException instead (DOTNET_JITMinOpts=1: it traps as it should).
;; Singlepass and Wasmtime trap.
(module
  (memory (export "memory") 1 3)
  (global $g (mut i32) (i32.const 5))
  (func (export "f0") (result f32)
    (select (f32.reinterpret_i32 (i32.load8_u (i32.const 65535)))
            (f32.load offset=65536 (i32.const 42))
            (global.get $g))))
