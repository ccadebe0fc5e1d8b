#!/usr/bin/env python3
"""Independent reference implementation of the DigestSync key commitment, version 1.

Written from the specification in Sources/Digest/KeyCommitment.swift (the doc comment).
Input (standard input): one key per line, 32 hex digits. Output: the root, 64 hex digits.
"""
import hashlib
import sys

BUCKET_BITS = 10


def root(keys):
    buckets = [[] for _ in range(1 << BUCKET_BITS)]
    for key in sorted(set(keys)):
        buckets[int.from_bytes(key[:2], "big") >> (16 - BUCKET_BITS)].append(key)
    level = [hashlib.sha256(b"\x00" + b"".join(bucket)).digest() for bucket in buckets]
    while len(level) > 1:
        level = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level), 2)]
    return level[0]


def main():
    keys = [bytes.fromhex(line.strip()) for line in sys.stdin if line.strip()]
    print(root(keys).hex())


if __name__ == "__main__":
    main()
