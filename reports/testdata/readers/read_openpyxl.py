"""Reads workbooks with openpyxl, as a person's script would, and prints what it sees as JSON.

usage: read_openpyxl.py normal|read_only FILE...
For each file: its properties, and for each sheet its declared size and every cell that holds a
value, as [type, text]: "s" text, "n" number, "d" date and time (ISO), "b" boolean, "f" formula.
Anything openpyxl warns about is listed under "warnings": a clean file has none.
"""
import datetime
import json
import sys
import warnings

import openpyxl
from openpyxl.utils import get_column_letter


def cell_value(c):
    v = c.value
    if c.data_type == "f":
        return ["f", str(v)]
    if isinstance(v, datetime.datetime):
        return ["d", v.isoformat()]
    if isinstance(v, datetime.date):
        return ["d", datetime.datetime(v.year, v.month, v.day).isoformat()]
    if isinstance(v, datetime.time):
        return ["t", v.isoformat()]
    if isinstance(v, datetime.timedelta):
        return ["n", repr(v.total_seconds() / 86400)]
    if isinstance(v, bool):
        return ["b", str(v)]
    if isinstance(v, (int, float)):
        return ["n", repr(v)]
    return ["s", str(v)]


def read(path, read_only):
    out = {"file": path, "sheets": [], "warnings": []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path, read_only=read_only)
        p = wb.properties
        out["properties"] = {"title": p.title, "subject": p.subject, "creator": p.creator,
                             "keywords": p.keywords, "category": p.category}
        for ws in wb.worksheets:
            sheet = {"name": ws.title, "max_row": ws.max_row, "max_column": ws.max_column, "cells": {}}
            for row in ws.iter_rows():
                for c in row:
                    if c.value is None or not hasattr(c, "row"):
                        continue
                    sheet["cells"][get_column_letter(c.column) + str(c.row)] = cell_value(c)
            out["sheets"].append(sheet)
        if read_only:
            wb.close()
    out["warnings"] = [str(w.message) for w in caught]
    return out


def main():
    mode, files = sys.argv[1], sys.argv[2:]
    json.dump([read(f, mode == "read_only") for f in files], sys.stdout)


main()
