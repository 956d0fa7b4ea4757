"""Compares two Parallax archives row by row (issue 15's check that a
merged archive equals a local import): every table but the full-text
index's, every column but the import run's own clock readings and input
names. Prints each table's row count and, when they differ, rows found in
only one archive; exits 1 on any difference.

Usage: python3 compare_archives.py LOCAL.db MERGED.db
"""

import sqlite3
import sys

# Columns that tell when and from which file the import ran, not what it stored.
RUN_COLUMNS = {("import_batches", "inputs"), ("import_batches", "started_at"),
               ("import_batches", "finished_at"), ("articles", "imported_at")}


def dump(path):
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%' ORDER BY name")]
    rows = {}
    for table in tables:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")
                   if (table, row[1]) not in RUN_COLUMNS]
        selected = ", ".join(f'"{c}"' for c in columns)
        rows[table] = sorted(repr(row) for row in connection.execute(f"SELECT {selected} FROM {table}"))
    return rows


def main(local_path, merged_path):
    local, merged = dump(local_path), dump(merged_path)
    different = 0
    for table in sorted(set(local) | set(merged)):
        a, b = local.get(table, []), merged.get(table, [])
        if a == b:
            print(f"  same  {table}: {len(a)} rows")
            continue
        different += 1
        print(f"  DIFF  {table}: {len(a)} rows local, {len(b)} merged")
        only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        for row in only_a[:3]:
            print(f"        local only:  {row[:300]}")
        for row in only_b[:3]:
            print(f"        merged only: {row[:300]}")
    if different:
        print(f"the merged archive DIFFERS from the local import in {different} tables")
        return 1
    rows = sum(len(table) for table in local.values())
    print(f"the merged archive equals the local import: {len(local)} tables, {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
