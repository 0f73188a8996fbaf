;; A WASI guest that tries path operations inside its pre-opened directory (fd 3) and reports each errno, for
;; tests/windows/sandbox.py. Arguments come in pairs: an operation and a path.
;;   open P      path_open P for reading (following symlinks); on success the line ends with "|" and up to 64 bytes read
;;   create P    path_open P with O_CREAT|O_EXCL for writing
;;   mkdir P, rmdir P, unlink P, stat P (following symlinks)
;;   symlink T=L path_symlink (target T, link L);   rename A=B path_rename
;; Prints one line per pair: "<errno> <op> <path>" (errno 0 is success), exits 0.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory" (func $mkdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_remove_directory" (func $rmdir (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $unlink (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $stat (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_symlink" (func $symlink (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_rename" (func $rename (param i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (memory (export "memory") 4)
  ;; 0: iovec, 16: nwritten/nread, 32: opened fd, 64: filestat, 256: number text, 1024: argv, 8192: arg bytes,
  ;; 65536: read buffer
  (global $argc (mut i32) (i32.const 0))
  ;; bytes the last successful "open" read, printed after its line's path
  (global $nread (mut i32) (i32.const 0))

  (func $strlen (param $p i32) (result i32)
    (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))

  (func $write (param $p i32) (param $n i32)
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))))

  (func $write_str (param $p i32) (call $write (local.get $p) (call $strlen (local.get $p))))

  (func $write_char (param $c i32)
    (i32.store8 (i32.const 256) (local.get $c))
    (call $write (i32.const 256) (i32.const 1)))

  (func $write_num (param $v i32)
    (local $p i32)
    (local.set $p (i32.const 300))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digit (local.get $v)))
    (call $write (local.get $p) (i32.sub (i32.const 300) (local.get $p))))

  ;; the offset of "=" in the string at $p, or its length when there is none
  (func $split (param $p i32) (result i32)
    (local $n i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
      (br_if $done (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $n))) (i32.const 61)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $n))

  (func $open_read (param $p i32) (param $n i32) (result i32)
    (local $e i32) (local $fd i32)
    ;; lookup follows symlinks; rights: fd_read | fd_seek | fd_filestat_get
    (local.set $e (call $path_open (i32.const 3) (i32.const 1) (local.get $p) (local.get $n) (i32.const 0)
      (i64.const 0x200006) (i64.const 0) (i32.const 0) (i32.const 32)))
    (if (i32.eqz (local.get $e)) (then
      (local.set $fd (i32.load (i32.const 32)))
      (i32.store (i32.const 0) (i32.const 65536))
      (i32.store (i32.const 4) (i32.const 64))
      (local.set $e (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 16)))
      (if (i32.eqz (local.get $e)) (then (global.set $nread (i32.load (i32.const 16)))))
      (drop (call $fd_close (local.get $fd)))))
    (local.get $e))

  (func $create (param $p i32) (param $n i32) (result i32)
    (local $e i32)
    ;; O_CREAT | O_EXCL; rights: fd_write
    (local.set $e (call $path_open (i32.const 3) (i32.const 0) (local.get $p) (local.get $n) (i32.const 5)
      (i64.const 0x40) (i64.const 0) (i32.const 0) (i32.const 32)))
    (if (i32.eqz (local.get $e)) (then (drop (call $fd_close (i32.load (i32.const 32))))))
    (local.get $e))

  (func $run (param $op i32) (param $p i32) (result i32)
    (local $n i32) (local $c i32) (local $eq i32)
    (local.set $n (call $strlen (local.get $p)))
    (local.set $eq (call $split (local.get $p)))
    (local.set $c (i32.load8_u (local.get $op)))
    (if (i32.eq (local.get $c) (i32.const 111)) (then (return (call $open_read (local.get $p) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 99)) (then (return (call $create (local.get $p) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 109)) (then (return (call $mkdir (i32.const 3) (local.get $p) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 117)) (then (return (call $unlink (i32.const 3) (local.get $p) (local.get $n)))))
    (if (i32.eq (local.get $c) (i32.const 115))
      (then
        (if (i32.eq (i32.load8_u offset=1 (local.get $op)) (i32.const 121))
          (then (return (call $symlink (local.get $p) (local.get $eq) (i32.const 3)
            (i32.add (local.get $p) (i32.add (local.get $eq) (i32.const 1)))
            (i32.sub (local.get $n) (i32.add (local.get $eq) (i32.const 1)))))))
        (return (call $stat (i32.const 3) (i32.const 1) (local.get $p) (local.get $n) (i32.const 64)))))
    (if (i32.eq (local.get $c) (i32.const 114))
      (then
        (if (i32.eq (i32.load8_u offset=1 (local.get $op)) (i32.const 109))
          (then (return (call $rmdir (i32.const 3) (local.get $p) (local.get $n)))))
        (return (call $rename (i32.const 3) (local.get $p) (local.get $eq) (i32.const 3)
          (i32.add (local.get $p) (i32.add (local.get $eq) (i32.const 1)))
          (i32.sub (local.get $n) (i32.add (local.get $eq) (i32.const 1)))))))
    (i32.const 28)) ;; EINVAL: an unknown operation

  (func (export "_start")
    (local $i i32) (local $op i32) (local $p i32)
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (global.set $argc (i32.load (i32.const 16)))
    (drop (call $args_get (i32.const 1024) (i32.const 8192)))
    (local.set $i (i32.const 1))
    (block $done (loop $next
      (br_if $done (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (global.get $argc)))
      (local.set $op (i32.load (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 2)))))
      (local.set $p (i32.load (i32.add (i32.const 1028) (i32.shl (local.get $i) (i32.const 2)))))
      (call $write_num (call $run (local.get $op) (local.get $p)))
      (call $write_char (i32.const 32))
      (call $write_str (local.get $op))
      (call $write_char (i32.const 32))
      (call $write_str (local.get $p))
      (if (global.get $nread) (then
        (call $write_char (i32.const 124))
        (call $write (i32.const 65536) (global.get $nread))
        (global.set $nread (i32.const 0))))
      (call $write_char (i32.const 10))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $next))))
)
