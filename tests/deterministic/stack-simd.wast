;; Deterministic mode's stack budget with v128 locals live across the call (compilers with SIMD): each local is one
;; Wasm value of the budget however wide. Valid only with --deterministic and the default --max-stack-height.
(module
  (global $depth (mut i32) (i32.const 0))
  (func (export "depth") (result i32) (global.get $depth))
  ;; cost 2 + 9 (a parameter, eight v128 locals) + 9 (operand stack) = 20: 65536 / 20 = 3276 calls
  (func $v (export "v") (param i32) (result i32) (local v128 v128 v128 v128 v128 v128 v128 v128)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (local.set 1 (i32x4.splat (local.get 0)))
    (local.set 2 (i32x4.add (local.get 1) (local.get 1)))
    (local.set 3 (i32x4.add (local.get 2) (local.get 1)))
    (local.set 4 (i32x4.add (local.get 3) (local.get 1)))
    (local.set 5 (i32x4.add (local.get 4) (local.get 1)))
    (local.set 6 (i32x4.add (local.get 5) (local.get 1)))
    (local.set 7 (i32x4.add (local.get 6) (local.get 1)))
    (local.set 8 (i32x4.add (local.get 7) (local.get 1)))
    (i32.add (call $v (i32.add (local.get 0) (i32.const 1)))
      (i32x4.extract_lane 0 (i32x4.add (local.get 1) (i32x4.add (local.get 2) (i32x4.add (local.get 3) (i32x4.add (local.get 4)
        (i32x4.add (local.get 5) (i32x4.add (local.get 6) (i32x4.add (local.get 7) (local.get 8)))))))))))
)
(assert_exhaustion (invoke "v" (i32.const 1)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 3276))
