#!/usr/bin/env python3
"""Checks that common CSV readers load what Reporting's CSVWriter writes.

Usage: check_csv_readers.py FILE.csv

FILE.csv has the columns bits, value, label: `bits` is the hexadecimal IEEE 754 bit pattern of a
Double, `value` is CSVNumber.format of that Double, `label` any text (quoted by the writer when
it holds commas, quotes or line breaks). The script checks, with Python's csv module + float(),
with numpy.loadtxt on the value column, and with pandas.read_csv (float_precision="round_trip")
when pandas is installed, that every value comes back with the same bits (any NaN for a NaN)
and every label comes back intact.
A developer's check only; the toolkit and its tests never need Python.
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


def main(path):
    failures = 0
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if not same(int(row["bits"], 16), float(row["value"])):
            failures += 1
            print("csv+float mismatch:", row["bits"], row["value"])

    import numpy

    with open(path, newline="", encoding="utf-8") as handle:
        values = [row[1] for row in list(csv.reader(handle))[1:]]
    loaded = numpy.loadtxt(values, dtype=numpy.float64, ndmin=1)
    for row, value in zip(rows, loaded):
        if not same(int(row["bits"], 16), float(value)):
            failures += 1
            print("numpy mismatch:", row["bits"], row["value"])

    try:
        import pandas
    except ImportError:
        print("pandas is not installed; skipped")
        print(f"{len(rows)} rows, {failures} failures")
        return 1 if failures else 0
    frame = pandas.read_csv(
        path, dtype={"bits": str, "label": str}, keep_default_na=False,
        na_values={"value": ["NaN"]}, float_precision="round_trip")
    for bits, value in zip(frame["bits"], frame["value"]):
        if not same(int(bits, 16), float(value)):
            failures += 1
            print("pandas mismatch:", bits, value)
    labels_csv = [row["label"] for row in rows]
    if list(frame["label"]) != labels_csv:
        failures += 1
        print("pandas and csv disagree on the labels")
    print(f"{len(rows)} rows, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
