#!/usr/bin/env python3
"""Writes to stdout a module whose one function, f(p) -> i32, sums N i32 loads from p + 8: with explicit bounds
checks every load branches to the out-of-bounds trap at the function's end, so beyond about 25,000 loads (1 MiB of
AArch64 code) those branches reach it only through veneers. Binary, not text: parsing megabytes of WAT under qemu
would dominate the test.

    tests/arm64/veneers-wasm.py N > veneers.wasm
"""
import sys


def leb(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def section(section_id, body):
    return bytes([section_id]) + leb(len(body)) + body


def main():
    n = int(sys.argv[1])
    # one i32 local; n x (local.set 1 (i32.add (local.get 1) (i32.load offset=8 (local.get 0)))); local.get 1
    code = b"\x01\x01\x7f" + b"\x20\x01\x20\x00\x28\x02\x08\x6a\x21\x01" * n + b"\x20\x01\x0b"
    sys.stdout.buffer.write(
        b"\0asm\1\0\0\0"
        + section(1, b"\x01\x60\x01\x7f\x01\x7f")      # type (i32) -> i32
        + section(3, b"\x01\x00")                      # func 0: type 0
        + section(5, b"\x01\x00\x01")                  # memory 1 page
        + section(7, b"\x01\x01f\x00\x00")             # export "f" = func 0
        + section(10, b"\x01" + leb(len(code)) + code))


if __name__ == "__main__":
    main()
