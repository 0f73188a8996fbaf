;; Found by the differential fuzzer (own generator, seed 929796000), reduced by hand.
;; Seeds 247536539 and 95799584 (br_if / br_table selectors) are the same bug.
;; A rotate whose result is only tested against zero: RyuJIT (.NET 10) drops the `test` after `ror`/`rol`, as if
;; the rotate set ZF (it does not), and branches on the flags of the preceding `div`. Expected: "f0" returns 2.
(module
  (global $g (mut i32) (i32.const 31))
  (func (export "f0") (result i32)
    (if (result i32) (i32.rotr (i32.div_u (i32.const 0) (global.get $g)) (i32.const 5))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "f1") (result i32)
    (if (result i32) (i32.rotl (i32.div_u (i32.const 0) (global.get $g)) (i32.const 5))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "f2") (result i32) (local i32)
    (block $b0 (result i32)
      (drop (br_if $b0 (i32.ge_s (i32.const -5) (local.get 0))
                       (i32.rotl (i32.div_s (i32.const 0) (global.get $g)) (i32.const 4))))
      (i32.const 7)))
  (global $zero (mut i32) (i32.const 0))
  (func (export "f3") (result i32)
    (block $outer (result i32)
      (drop (block $inner (result i32)
        (br_table $inner $outer (i32.const 1) (i32.rotl (global.get $zero) (i32.const 33)))))
      (i32.const 2))))
