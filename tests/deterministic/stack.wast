;; Deterministic mode's stack budget (default MaxStackHeight = 65536 Wasm values): each call costs
;; 2 + parameters + locals + its largest operand stack, so recursion stops at the same depth on every compiler and ISA.
;; Valid only with --deterministic and the default --max-stack-height.
(module
  (global $depth (mut i32) (i32.const 0))
  (func (export "depth") (result i32) (global.get $depth))
  (func (export "reset") (global.set $depth (i32.const 0)))
  ;; cost 2 + 3 (a parameter, two locals) + 2 (operand stack) = 7: 65536 / 7 = 9362 calls
  (func $rec (export "rec") (param i32) (result i32) (local f64 i64)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (call $rec (i32.add (local.get 0) (i32.const 1))))
  ;; cost 2 + 9 + 5 = 16: 65536 / 16 = 4096 calls
  (func $wide (export "wide") (param i32) (result i32) (local i64 i64 i64 i64 f32 f32 f64 f64)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (drop (i32.add (i32.const 1) (i32.add (i32.const 2) (i32.add (i32.const 3) (i32.add (i32.const 4) (i32.const 5))))))
    (call $wide (local.get 0)))
  ;; through call_indirect, alternating with $rec's cost: a pair costs 7 + 7 = 14
  (type $t (func (param i32) (result i32)))
  (table funcref (elem $ind))
  (func $ind (export "ind") (param i32) (result i32) (local f64 i64)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (call_indirect (type $t) (local.get 0) (i32.const 0)))
;; the smallest activation: cost 2 + 0 + 2 = 4: 16384 calls
  (func $tiny (export "tiny") (global.set $depth (i32.add (global.get $depth) (i32.const 1))) (call $tiny))
  ;; f64 values wait on the operand stack across the call: cost 2 + 1 + 7 = 10: 6553 calls
  (func $deep (export "deep") (param f64) (result f64)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (f64.add (local.get 0) (f64.add (f64.mul (local.get 0) (f64.const 2)) (f64.add (f64.sub (local.get 0) (f64.const 3))
      (f64.add (f64.sqrt (local.get 0)) (f64.add (f64.neg (local.get 0)) (call $deep (f64.add (local.get 0) (f64.const 1)))))))))
  ;; returns normally: the budget comes back, so the next deep call still gets all of it
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1)))))))
)
(assert_exhaustion (invoke "rec" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 9362))
(invoke "reset")
(assert_exhaustion (invoke "rec" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 9362))
(invoke "reset")
(assert_exhaustion (invoke "wide" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 4096))
(invoke "reset")
(assert_exhaustion (invoke "ind" (i32.const 0)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 9362))
(invoke "reset")
(assert_exhaustion (invoke "tiny") "call stack exhausted")
(assert_return (invoke "depth") (i32.const 16384))
(invoke "reset")
(assert_exhaustion (invoke "deep" (f64.const 1)) "call stack exhausted")
(assert_return (invoke "depth") (i32.const 6553))
;; $down costs 2 + 1 + 3 = 6: 10922 calls fit (depth 10921 makes 10922 activations), 10922 do not
(assert_return (invoke "down" (i32.const 10921)) (i32.const 10921))
(assert_return (invoke "down" (i32.const 10921)) (i32.const 10921))
(assert_exhaustion (invoke "down" (i32.const 10922)) "call stack exhausted")
(assert_return (invoke "down" (i32.const 10921)) (i32.const 10921))
