;; Operator fusion in the Singlepass generator:
;;  - a comparison followed by i32.eqz and br_if/if branches on the opposite comparison (no 0/1 value);
;;  - an operator (integer, float, load) followed by local.set/local.tee of a local kept in a register computes its
;;    result in that register, whatever register its operands are in (the local itself included);
;;  - local.get; i32.const; arithmetic reads the local's register in place, and must not change the local.
;; Loops make the locals heavy enough to be kept in registers.

(module
  (memory 1)
  (data (i32.const 0) "\08\00\00\00\00\00\00\00\10\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")
  (data (i32.const 64) "\00\00\00\00\00\00\f8\3f\00\00\00\00\00\00\04\40")

  ;; ---- comparison, i32.eqz, branch ----
  (func (export "eqz-if-eq") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.eq (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-ne") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.ne (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-lt_s") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.lt_s (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-lt_u") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.lt_u (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-gt_s") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.gt_s (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-gt_u") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.gt_u (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-le_s") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.le_s (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-le_u") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.le_u (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-ge_s") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.ge_s (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-if-ge_u") (param i32 i32) (result i32) (if (result i32) (i32.eqz (i32.ge_u (local.get 0) (local.get 1))) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "eqz-br_if-i64-lt_s") (param i64 i64) (result i32)
    (block (br_if 0 (i32.eqz (i64.lt_s (local.get 0) (local.get 1)))) (return (i32.const 7)))
    (i32.const 9))
  (func (export "eqz-br_if-imm-gt_u") (param i32) (result i32)
    (block (br_if 0 (i32.eqz (i32.gt_u (local.get 0) (i32.const 10)))) (return (i32.const 7)))
    (i32.const 9))
  ;; two eqz: the comparison is a value, each eqz inverts it
  (func (export "eqz-eqz-if") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (i32.eqz (i32.lt_s (local.get 0) (local.get 1)))) (then (i32.const 1)) (else (i32.const 0))))
  ;; eqz of a comparison as a value (no branch after)
  (func (export "eqz-value") (param i32 i32) (result i32) (i32.eqz (i32.lt_u (local.get 0) (local.get 1))))

  ;; ---- results into a local's register ----
  ;; b = a - b: the local written is the right operand
  (func (export "sub-into-rhs") (param i32 i32 i32) (result i32)
    (local i32)
    (loop
      (local.set 1 (i32.sub (local.get 0) (local.get 1)))
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 3) (local.get 2))))
    (local.get 1))
  ;; b = a << b: the shift count is the local written
  (func (export "shl-into-rhs") (param i32 i32 i32) (result i32)
    (local i32)
    (loop
      (local.set 1 (i32.shl (local.get 0) (local.get 1)))
      (local.set 3 (i32.add (local.get 3) (i32.const 1)))
      (br_if 0 (i32.lt_u (local.get 3) (local.get 2))))
    (local.get 1))
  ;; i64: a = a * 3 + b, the constant-operand forms and a wide constant
  (func (export "i64-into-self") (param i64 i64 i32) (result i64)
    (loop
      (local.set 0 (i64.mul (local.get 0) (i64.const 3)))
      (local.set 0 (i64.add (local.get 0) (local.get 1)))
      (local.set 1 (i64.add (local.get 1) (i64.const 0x1_0000_0001)))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 2)))
    (i64.xor (local.get 0) (local.get 1)))
  ;; the subtraction of the most negative constant has no lea form
  (func (export "sub-min") (param i32 i32) (result i32)
    (local i32)
    (loop
      (local.set 2 (i32.sub (local.get 0) (i32.const 0x80000000)))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br_if 0 (local.get 1)))
    (local.get 2))
  ;; local.tee into the register, read by br_if and by an add
  (func (export "tee-count") (param i32) (result i32)
    (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
      (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const 1000))))
  ;; tee followed by something that is not a plain read: the tee'd value must not follow later sets
  (func (export "tee-then-set") (param i32) (result i32)
    (local i32 i32)
    (loop
      (local.set 2 (i32.add (local.get 2)
        (i32.add (local.tee 1 (i32.add (local.get 0) (i32.const 1))) (block (result i32) (local.set 1 (i32.const 100)) (local.get 1)))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if 0 (local.get 0)))
    (i32.add (local.get 2) (local.get 1)))
  ;; f64: b = a - b and b = a / b, dst is the right operand
  (func (export "f64-into-rhs") (param f64 f64 i32) (result f64)
    (loop
      (local.set 1 (f64.sub (local.get 0) (local.get 1)))
      (local.set 1 (f64.div (local.get 0) (local.get 1)))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 2)))
    (local.get 1))
  (func (export "f32-into-self") (param f32 f32 i32) (result f32)
    (loop
      (local.set 0 (f32.mul (local.get 0) (local.get 1)))
      (local.set 0 (f32.sub (local.get 0) (f32.const 1)))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 2)))
    (local.get 0))
  ;; loads into the register of the local holding the address (a linked list at 0 -> 8 -> 16 -> 0)
  (func (export "chase") (param i32 i32) (result i32)
    (local i32)
    (loop
      (local.set 0 (i32.load (local.get 0)))
      (local.set 2 (i32.add (local.get 2) (local.get 0)))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br_if 0 (local.get 1)))
    (i32.add (i32.mul (local.get 0) (i32.const 1000)) (local.get 2)))
  (func (export "load-f64-i64") (param i32) (result f64)
    (local f64 i64 i32)
    (loop
      (local.set 1 (f64.add (local.get 1) (f64.load offset=64 (local.get 3))))
      (local.set 2 (i64.load offset=64 (local.get 3)))
      (local.set 1 (f64.load offset=72 (i32.const 0)))
      (local.set 3 (i32.xor (local.get 3) (i32.const 8)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if 0 (local.get 0)))
    (f64.add (local.get 1) (f64.convert_i64_u (i64.shr_u (local.get 2) (i64.const 52)))))
  ;; an out-of-bounds load into a local's register traps, leaving nothing half-done that matters
  (func (export "chase-oob") (param i32) (result i32)
    (loop
      (local.set 0 (i32.load (local.get 0)))
      (br_if 0 (local.get 0)))
    (local.get 0))

  ;; ---- local.get; const; arithmetic reads the local in place ----
  (func (export "const-arith") (param i32 i32) (result i32)
    (local i32 i32)
    (loop
      (local.set 2 (i32.add (local.get 2) (i32.shl (local.get 0) (i32.const 3))))
      (local.set 3 (i32.add (local.get 3) (i32.rotl (local.get 0) (i32.const 1))))
      (local.set 2 (i32.xor (local.get 2) (i32.sub (local.get 0) (i32.const 7))))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br_if 0 (local.get 1)))
    (i32.add (i32.add (local.get 0) (local.get 2)) (local.get 3)))
  ;; local.tee; const; comparison; br_if: the comparison reads the local in place
  (func (export "count-down") (param i32) (result i32)
    (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br_if 0 (i32.gt_u (local.tee 0 (i32.sub (local.get 0) (i32.const 2))) (i32.const 1))))
    (i32.add (i32.mul (local.get 1) (i32.const 1000)) (local.get 0)))
  ;; local.get; const; comparison: as a value (the local must survive the 0/1 result), and before eqz; if
  (func (export "cmp-value") (param i32) (result i32)
    (local i32)
    (loop
      (local.set 1 (i32.add (local.get 1) (i32.lt_s (local.get 0) (i32.const 5))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (if (i32.eqz (i32.ge_s (local.get 0) (i32.const 8))) (then (br 1))))
    (i32.add (i32.mul (local.get 1) (i32.const 1000)) (local.get 0)))
  ;; local.get; local.get; arithmetic or comparison; branch: both locals read in place, neither changed
  (func (export "get-get") (param i32 i32) (result i32)
    (local i32 i32)
    (loop
      (local.set 2 (i32.add (local.get 2) (i32.sub (local.get 0) (local.get 1))))
      (local.set 3 (i32.add (local.get 0) (local.get 1)))
      (local.set 3 (i32.add (local.get 3) (local.get 3)))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (br_if 0 (i32.lt_s (local.get 0) (local.get 1))))
    (i32.add (i32.mul (local.get 2) (i32.const 1000)) (i32.add (local.get 3) (local.get 0))))
  ;; local.get; local.get; load; arithmetic and local.get; const; float arithmetic: the left local read in place
  (func (export "get-load") (param f64 i32 i32) (result f64)
    (local f64 i32)
    (loop
      (local.set 3 (f64.add (local.get 3) (f64.mul (local.get 0) (f64.load offset=64 (local.get 1)))))
      (local.set 3 (f64.sub (local.get 3) (f64.div (local.get 0) (f64.const 4))))
      (local.set 4 (i32.add (local.get 4) (i32.sub (local.get 1) (i32.load (local.get 1)))))
      (local.set 1 (i32.xor (local.get 1) (i32.const 8)))
      (local.set 2 (i32.sub (local.get 2) (i32.const 1)))
      (br_if 0 (local.get 2)))
    (f64.add (f64.add (local.get 3) (local.get 0)) (f64.convert_i32_s (i32.add (i32.mul (local.get 4) (i32.const 100)) (local.get 1)))))
)

(assert_return (invoke "eqz-if-eq" (i32.const 3) (i32.const 3)) (i32.const 0))
(assert_return (invoke "eqz-if-eq" (i32.const 3) (i32.const 4)) (i32.const 1))
(assert_return (invoke "eqz-if-ne" (i32.const 3) (i32.const 3)) (i32.const 1))
(assert_return (invoke "eqz-if-ne" (i32.const 3) (i32.const 4)) (i32.const 0))
(assert_return (invoke "eqz-if-lt_s" (i32.const -1) (i32.const 1)) (i32.const 0))
(assert_return (invoke "eqz-if-lt_s" (i32.const 1) (i32.const 1)) (i32.const 1))
(assert_return (invoke "eqz-if-lt_u" (i32.const -1) (i32.const 1)) (i32.const 1))
(assert_return (invoke "eqz-if-lt_u" (i32.const 0) (i32.const 1)) (i32.const 0))
(assert_return (invoke "eqz-if-gt_s" (i32.const 1) (i32.const -1)) (i32.const 0))
(assert_return (invoke "eqz-if-gt_s" (i32.const 1) (i32.const 1)) (i32.const 1))
(assert_return (invoke "eqz-if-gt_u" (i32.const 1) (i32.const -1)) (i32.const 1))
(assert_return (invoke "eqz-if-gt_u" (i32.const 2) (i32.const 1)) (i32.const 0))
(assert_return (invoke "eqz-if-le_s" (i32.const 1) (i32.const 1)) (i32.const 0))
(assert_return (invoke "eqz-if-le_s" (i32.const 2) (i32.const -1)) (i32.const 1))
(assert_return (invoke "eqz-if-le_u" (i32.const -1) (i32.const 2)) (i32.const 1))
(assert_return (invoke "eqz-if-le_u" (i32.const 2) (i32.const 2)) (i32.const 0))
(assert_return (invoke "eqz-if-ge_s" (i32.const -1) (i32.const 2)) (i32.const 1))
(assert_return (invoke "eqz-if-ge_s" (i32.const 2) (i32.const 2)) (i32.const 0))
(assert_return (invoke "eqz-if-ge_u" (i32.const -1) (i32.const 2)) (i32.const 0))
(assert_return (invoke "eqz-if-ge_u" (i32.const 1) (i32.const 2)) (i32.const 1))
(assert_return (invoke "eqz-br_if-i64-lt_s" (i64.const -5) (i64.const 0x1_0000_0000)) (i32.const 7))
(assert_return (invoke "eqz-br_if-i64-lt_s" (i64.const 0x1_0000_0000) (i64.const 1)) (i32.const 9))
(assert_return (invoke "eqz-br_if-imm-gt_u" (i32.const 11)) (i32.const 7))
(assert_return (invoke "eqz-br_if-imm-gt_u" (i32.const 10)) (i32.const 9))
(assert_return (invoke "eqz-br_if-imm-gt_u" (i32.const -1)) (i32.const 7))
(assert_return (invoke "eqz-eqz-if" (i32.const 1) (i32.const 2)) (i32.const 1))
(assert_return (invoke "eqz-eqz-if" (i32.const 2) (i32.const 1)) (i32.const 0))
(assert_return (invoke "eqz-value" (i32.const 1) (i32.const 2)) (i32.const 0))
(assert_return (invoke "eqz-value" (i32.const 2) (i32.const 1)) (i32.const 1))

(assert_return (invoke "sub-into-rhs" (i32.const 10) (i32.const 3) (i32.const 3)) (i32.const 7))
(assert_return (invoke "sub-into-rhs" (i32.const 10) (i32.const 3) (i32.const 4)) (i32.const 3))
(assert_return (invoke "shl-into-rhs" (i32.const 1) (i32.const 3) (i32.const 1)) (i32.const 8))
(assert_return (invoke "shl-into-rhs" (i32.const 1) (i32.const 3) (i32.const 2)) (i32.const 256))
(assert_return (invoke "shl-into-rhs" (i32.const 1) (i32.const 3) (i32.const 3)) (i32.const 1))
(assert_return (invoke "i64-into-self" (i64.const 1) (i64.const 2) (i32.const 3)) (i64.const 0x6_0000_003f))
(assert_return (invoke "sub-min" (i32.const 5) (i32.const 3)) (i32.const 0x80000005))
(assert_return (invoke "tee-count" (i32.const 10)) (i32.const 25))
(assert_return (invoke "tee-then-set" (i32.const 3)) (i32.const 409))
(assert_return (invoke "f64-into-rhs" (f64.const 3) (f64.const 1) (i32.const 1)) (f64.const 1.5))
(assert_return (invoke "f64-into-rhs" (f64.const 3) (f64.const 1) (i32.const 2)) (f64.const 2))
(assert_return (invoke "f32-into-self" (f32.const 2) (f32.const 3) (i32.const 2)) (f32.const 14))
(assert_return (invoke "chase" (i32.const 0) (i32.const 4)) (i32.const 8032))
(assert_return (invoke "load-f64-i64" (i32.const 3)) (f64.const 1025.5))
(assert_trap (invoke "chase-oob" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "const-arith" (i32.const 5) (i32.const 3)) (i32.const -7))
(assert_return (invoke "count-down" (i32.const 11)) (i32.const 5001))
(assert_return (invoke "count-down" (i32.const 3)) (i32.const 1001))
(assert_return (invoke "cmp-value" (i32.const 0)) (i32.const 5008))
(assert_return (invoke "cmp-value" (i32.const 20)) (i32.const 21))
(assert_return (invoke "get-get" (i32.const 2) (i32.const 5)) (i32.const -5977))
(assert_return (invoke "get-load" (f64.const 2) (i32.const 0) (i32.const 3)) (f64.const -2380.5))
