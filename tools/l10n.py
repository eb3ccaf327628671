#!/usr/bin/env python3
"""Adds or updates UI strings in both resource files at once, so en-US and zh-CN never drift.

Usage: python3 tools/l10n.py < strings.tsv      (lines: Key<TAB>English<TAB>中文)
       python3 tools/l10n.py --check            (exits 1 if a key is missing in either language)
"""
import sys, xml.etree.ElementTree as ET, os

ROOT = os.path.join(os.path.dirname(__file__), "..", "Portal", "Resources")
FILES = {"en": os.path.join(ROOT, "SharedResource.resx"), "zh": os.path.join(ROOT, "SharedResource.zh-CN.resx")}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load(path):
    if not os.path.exists(path):
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.find("value").text or "") for d in tree.getroot().findall("data")}

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for k in sorted(data):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(data[k])}</value></data>\n')
        f.write("</root>\n")

def main():
    en, zh = load(FILES["en"]), load(FILES["zh"])
    if "--check" in sys.argv:
        missing = sorted(set(en) ^ set(zh))
        for k in missing:
            print("missing in", "zh-CN" if k in en else "en-US", ":", k)
        sys.exit(1 if missing else 0)
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            sys.exit(f"bad line (need Key<TAB>English<TAB>中文): {line!r}")
        k, e, z = parts
        en[k], zh[k] = e, z
    os.makedirs(ROOT, exist_ok=True)
    save(FILES["en"], en)
    save(FILES["zh"], zh)
    print(f"{len(en)} strings")

main()
