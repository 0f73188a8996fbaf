;; A token ledger "contract": balances live in the host's key-value storage (key = account id).
(module
  (import "storage" "get" (func $get (param i32) (result i64)))
  (import "storage" "set" (func $set (param i32 i64)))

  ;; credits `amount` to `to` (the host decides who may call it)
  (func (export "mint") (param $to i32) (param $amount i64)
    (call $set (local.get $to) (i64.add (call $get (local.get $to)) (local.get $amount))))

  (func (export "balance_of") (param $account i32) (result i64)
    (call $get (local.get $account)))

  ;; moves `amount` from `from` to `to`; traps (and so changes nothing) when `from` cannot pay. The credit is
  ;; written before the check on purpose: the host must discard a failed call's writes.
  (func (export "transfer") (param $from i32) (param $to i32) (param $amount i64)
    (local $balance i64)
    (call $set (local.get $to) (i64.add (call $get (local.get $to)) (local.get $amount)))
    (local.set $balance (call $get (local.get $from)))
    (if (i64.lt_u (local.get $balance) (local.get $amount)) (then unreachable))
    (call $set (local.get $from) (i64.sub (local.get $balance) (local.get $amount))))

  ;; a busy loop of `n` rounds: a call that can be made to run out of gas
  (func (export "spin") (param $n i32)
    (loop $again
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $again (local.get $n)))))
