#!/usr/bin/env python3
"""Checks that common CSV readers load what Reporting's CSVWriter writes.

Usage: check_csv_readers.py [--require-pandas] FILE.csv

FILE.csv has the columns bits, value, label, label_hex: `bits` is the hexadecimal IEEE 754 bit
pattern of a Double, `value` is CSVNumber.format of that Double, `label` any text (quoted by the
writer when it holds commas, quotes or line breaks) and `label_hex` the label's UTF-8 bytes in
hexadecimal. The script checks, with Python's csv module + float(), with numpy.loadtxt on the
value column, and with pandas.read_csv (float_precision="round_trip"), that every value comes
back with the same bits (any NaN for a NaN) and every label comes back as its bytes say.
Tests/ReportingTests/CSVPeerReaderTests.swift writes such a file and runs this script; the
toolkit itself never needs Python.
"""
import csv
import math
import struct
import sys


def bits_of(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def same(expected_bits, x):
    expected = struct.unpack("<d", struct.pack("<Q", expected_bits))[0]
    if math.isnan(expected):
        return math.isnan(x)
    return bits_of(x) == expected_bits


def main(path, require_pandas):
    failures = 0
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected_labels = [bytes.fromhex(row["label_hex"]).decode("utf-8") for row in rows]
    for row, label in zip(rows, expected_labels):
        if not same(int(row["bits"], 16), float(row["value"])):
            failures += 1
            print("csv+float mismatch:", row["bits"], row["value"])
        if row["label"] != label:
            failures += 1
            print("csv label mismatch:", repr(row["label"]), "expected", repr(label))

    import numpy

    with open(path, newline="", encoding="utf-8") as handle:
        values = [row[1] for row in list(csv.reader(handle))[1:]]
    loaded = numpy.loadtxt(values, dtype=numpy.float64, ndmin=1)
    for row, value in zip(rows, loaded):
        if not same(int(row["bits"], 16), float(value)):
            failures += 1
            print("numpy mismatch:", row["bits"], row["value"])

    if len(loaded) != len(rows):
        failures += 1
        print("numpy read", len(loaded), "values for", len(rows), "rows")
    try:
        import pandas
    except ImportError:
        print("pandas is not installed; skipped")
        print(f"{len(rows)} rows, {failures} failures")
        return 1 if failures or require_pandas else 0
    frame = pandas.read_csv(
        path, dtype={"bits": str, "label": str}, keep_default_na=False,
        na_values={"value": ["NaN"]}, float_precision="round_trip")
    for bits, value in zip(frame["bits"], frame["value"]):
        if not same(int(bits, 16), float(value)):
            failures += 1
            print("pandas mismatch:", bits, value)
    if len(frame) != len(rows):
        failures += 1
        print("pandas read", len(frame), "rows for", len(rows))
    for got, label in zip(frame["label"], expected_labels):
        if got != label:
            failures += 1
            print("pandas label mismatch:", repr(got), "expected", repr(label))
    print(f"{len(rows)} rows, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    require = "--require-pandas" in arguments
    paths = [a for a in arguments if a != "--require-pandas"]
    if len(paths) != 1:
        sys.exit(__doc__)
    sys.exit(main(paths[0], require))
