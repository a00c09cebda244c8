#!/usr/bin/env python3
"""Read a tandem export with the reader its users use, and print what it read as JSON.

Usage: read_export.py READER FILE

Readers:
  csv-tab      Python's csv module, dialect excel-tab (TSV)
  pandas-tab   pandas.read_csv(sep="\\t") (TSV)
  csv          Python's csv module, default dialect (CSV)
  pandas-csv   pandas.read_csv (CSV)
  openpyxl     openpyxl (xlsx): rows, plus the sheet's layout
  tt-tmx       translate-toolkit's TMX reader
  tt-xliff     translate-toolkit's XLIFF reader (1.2)
  xliff-rules  lxml, and the XLIFF 1.2 / 2.0 rules checkable without the OASIS schemas
  jsonschema   FILE is "SCHEMA.json:INSTANCE.json": validate the instance

Exit status 77 (with a note on stderr) when the reader's Python package is missing, so
the calling test can skip; 1 with a message when a rule is broken.
"""
import json
import sys


def need(module):
    try:
        return __import__(module)
    except ImportError:
        print(f"note: Python package {module} is not installed", file=sys.stderr)
        sys.exit(77)


def rows_csv(path, dialect):
    import csv

    with open(path, newline="", encoding="utf-8") as f:
        return {"rows": list(csv.reader(f, dialect=dialect))}


def rows_pandas(path, sep):
    pd = need("pandas")
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    return {"rows": [list(df.columns)] + df.values.tolist()}


def read_openpyxl(path):
    openpyxl = need("openpyxl")
    ws = openpyxl.load_workbook(path).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    types = sorted({c.data_type for r in ws.iter_rows(min_row=2) for c in r if c.value is not None})
    return {
        "rows": rows,
        "title": ws.title,
        "freeze_panes": ws.freeze_panes,
        "wrap_source": bool(ws["E2"].alignment.wrap_text),
        "width_source": ws.column_dimensions["E"].width,
        "header_bold": bool(ws["A1"].font.b),
        "cell_types": types,
        "autofilter": ws.auto_filter.ref,
    }


def read_tt_tmx(path):
    need("translate")
    from translate.storage import tmx

    store = tmx.tmxfile.parsefile(path)
    return {
        "units": [{"source": u.source, "target": u.target} for u in store.units],
        "languages": [store.sourcelanguage, store.targetlanguage],
    }


def read_tt_xliff(path):
    need("translate")
    from translate.storage import xliff

    store = xliff.xlifffile.parsefile(path)
    units = [u for u in store.units if not u.isheader()]
    return {
        "units": [
            {
                "id": u.getid().split("\x04")[-1],
                "source": u.source,
                "target": u.target,
                "approved": u.isapproved(),
                "notes": u.getnotes(),
            }
            for u in units
        ],
        "languages": [store.getsourcelanguage(), store.gettargetlanguage()],
    }


def fail(msg):
    print(f"XLIFF rule broken: {msg}", file=sys.stderr)
    sys.exit(1)


def check_order(el, allowed, what):
    """Children of el appear in the order of `allowed` (local names; '*' = other namespace)."""
    rank = {name: i for i, name in enumerate(allowed)}
    last = -1
    for child in el:
        if not isinstance(child.tag, str):
            continue
        ns, local = child.tag[1:].split("}") if child.tag.startswith("{") else ("", child.tag)
        key = local if ns == el.tag[1:].split("}")[0] else "*"
        if key not in rank:
            fail(f"<{local}> is not allowed in <{what}>")
        if rank[key] < last:
            fail(f"<{local}> out of order in <{what}>")
        last = rank[key]


def xliff_rules(path):
    etree = need("lxml.etree")
    from lxml import etree

    root = etree.parse(path).getroot()
    ns = root.tag[1:].split("}")[0]
    units = 0
    if ns == "urn:oasis:names:tc:xliff:document:1.2":
        X = "{%s}" % ns
        if root.get("version") != "1.2":
            fail("version is not 1.2")
        for f in root.iter(X + "file"):
            for a in ("original", "source-language", "datatype"):
                if not f.get(a):
                    fail(f"<file> without {a}")
            check_order(f, ["header", "body"], "file")
            ids = set()
            for tu in f.iter(X + "trans-unit"):
                units += 1
                i = tu.get("id")
                if not i or i in ids:
                    fail(f"trans-unit id {i!r} missing or repeated")
                ids.add(i)
                if tu.get("approved") not in (None, "yes", "no"):
                    fail("approved is not yes/no")
                check_order(tu, ["source", "seg-source", "target", "context-group", "note", "*"], "trans-unit")
                # context-group, count-group, prop-group, note and alt-trans may mix.
                t = tu.find(X + "target")
                states = {"final", "needs-adaptation", "needs-l10n", "needs-review-adaptation",
                          "needs-review-l10n", "needs-review-translation", "needs-translation",
                          "new", "signed-off", "translated"}
                if t is not None and t.get("state") not in states and not (t.get("state") or "").startswith("x-"):
                    fail(f"state {t.get('state')!r}")
                for g in tu.iter(X + "context-group"):
                    if g.get("purpose") not in (None, "information", "location", "match"):
                        fail("context-group purpose")
                    for c in g.iter(X + "context"):
                        if not c.get("context-type"):
                            fail("context without context-type")
    elif ns == "urn:oasis:names:tc:xliff:document:2.0":
        X = "{%s}" % ns
        if root.get("version") != "2.0" or not root.get("srcLang"):
            fail("version 2.0 and srcLang are required")
        check_order(root, ["file"], "xliff")
        fids = set()
        for f in root.iter(X + "file"):
            if not f.get("id") or f.get("id") in fids:
                fail("file id missing or repeated")
            fids.add(f.get("id"))
            check_order(f, ["skeleton", "*", "notes", "unit"], "file")
            ids = set()
            n = 0
            for u in f.iter(X + "unit"):
                n += 1
                units += 1
                if not u.get("id") or u.get("id") in ids:
                    fail(f"unit id {u.get('id')!r} missing or repeated")
                ids.add(u.get("id"))
                check_order(u, ["*", "notes", "originalData", "segment"], "unit")
                segs = u.findall(X + "segment")
                if not segs:
                    fail("unit without segment")
                for s in segs:
                    check_order(s, ["source", "target"], "segment")
                    st = s.get("state", "initial")
                    if st not in ("initial", "translated", "reviewed", "final"):
                        fail(f"state {st!r}")
                    if s.get("subState") and ":" not in s.get("subState"):
                        fail("subState needs a prefix")
                    if s.find(X + "target") is None and st != "initial":
                        fail("a segment without target must be initial")
                    if s.find(X + "target") is not None and not root.get("trgLang"):
                        fail("target without trgLang")
            if n == 0:
                fail("a file needs a unit")
    else:
        fail(f"unknown namespace {ns}")
    return {"units": units, "namespace": ns}


def validate_jsonschema(spec):
    jsonschema = need("jsonschema")
    schema_path, instance_path = spec.split(":", 1)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(instance_path, encoding="utf-8") as f:
        instance = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = [e.message for e in cls(schema).iter_errors(instance)]
    return {"errors": errors, "validator": cls.__name__}


def main():
    reader, path = sys.argv[1], sys.argv[2]
    out = {
        "csv-tab": lambda: rows_csv(path, "excel-tab"),
        "pandas-tab": lambda: rows_pandas(path, "\t"),
        "csv": lambda: rows_csv(path, "excel"),
        "pandas-csv": lambda: rows_pandas(path, ","),
        "openpyxl": lambda: read_openpyxl(path),
        "tt-tmx": lambda: read_tt_tmx(path),
        "tt-xliff": lambda: read_tt_xliff(path),
        "xliff-rules": lambda: xliff_rules(path),
        "jsonschema": lambda: validate_jsonschema(path),
    }[reader]()
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
