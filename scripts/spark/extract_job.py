"""Parallax extraction on Apache Spark (issue 15).

Reads article records (JSON Lines, the fields `parallax import` reads) from
any Hadoop-compatible path, runs Parallax's stateless filter
(`parallax extract --stdin-jsonl --envelope`) over every partition with
`RDD.pipe`, and writes

  OUT/extracted/part-*   the filter's lines, in input order (concatenate the
                         parts in name order and give the result to
                         `parallax import --extracted`)
  OUT/pairs/part-*       candidate pairs: {"a", "b", "keys"} for every two
                         articles sharing a story blocking key (external ids,
                         a < b), grouped by key as a distributed group-by

The filter binary must be on every executor (same path, or shipped with
--files and named by its file name). Each record carries its file and line
into the filter, so the merged archive says where each article was read,
as a local import of the same files would.

Usage:
  spark-submit scripts/spark/extract_job.py --parallax /path/to/parallax \
      --output OUT INPUT [INPUT ...]

An INPUT is a file, a folder (its files, recursively, in name order) or a
glob; the paths recorded are the INPUT as given for a file, else the file's
full Hadoop path.
"""

import argparse
import json
import shlex
import sys

from pyspark.sql import SparkSession

# Blocking keys shared by more articles than this are too common to be
# evidence; the archive's own grouping caps its posting lists the same way
# (POSTING_CAP in src/stories/cluster.rs).
DEFAULT_POSTING_CAP = 64


def input_files(spark, given):
    """The files an INPUT names, in name order, with the path each records."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(given)
    fs = path.getFileSystem(conf)
    statuses = fs.globStatus(path) or []
    files = []
    for status in statuses:
        if status.isFile():
            # A single file keeps the name it was given, as `parallax import` does.
            files.append((status.getPath().toString(), given if len(statuses) == 1 else status.getPath().toString()))
            continue
        listing = fs.listFiles(status.getPath(), True)
        while listing.hasNext():
            child = listing.next()
            name = child.getPath().getName()
            if not name.startswith(".") and not name.startswith("_"):
                files.append((child.getPath().toString(), child.getPath().toString()))
    return sorted(files)


def envelopes(spark, read_path, recorded_path, partitions):
    """Each non-blank line of a file as the filter's envelope: its file and
    line (1-based, counting blank lines, as an import does) and the record."""

    def envelope(pair):
        line, index = pair
        return json.dumps({"path": recorded_path, "line": index + 1, "record": line})

    lines = spark.sparkContext.textFile(read_path, minPartitions=partitions)
    return lines.zipWithIndex().filter(lambda pair: pair[0].strip()).map(envelope)


def blocking_entries(line):
    """(key, external id) for every blocking key of an extracted article."""
    item = json.loads(line)
    if item.get("status") != "extracted":
        return []
    return [(key, item["external_id"]) for key in item.get("blocking_keys", [])]


def pairs_of(cap):
    def pairs(entry):
        key, ids = entry
        ids = sorted(set(ids))
        if len(ids) < 2 or len(ids) > cap:
            return []
        return [((a, b), key) for i, a in enumerate(ids) for b in ids[i + 1 :]]

    return pairs


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parallax", required=True, help="the parallax binary on every executor")
    parser.add_argument("--output", required=True, help="folder (Hadoop path) for extracted/ and pairs/")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: Spark's parallelism)")
    parser.add_argument("--posting-cap", type=int, default=DEFAULT_POSTING_CAP)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("parallax-extract").getOrCreate()
    context = spark.sparkContext
    partitions = args.partitions or context.defaultParallelism
    files = [f for given in args.inputs for f in input_files(spark, given)]
    if not files:
        print(f"no input files in {args.inputs}", file=sys.stderr)
        return 2
    records = context.union([envelopes(spark, read, recorded, partitions) for read, recorded in files])
    command = " ".join(shlex.quote(part) for part in [args.parallax, "extract", "--stdin-jsonl", "--envelope"])
    # The filter exits 1 when a record was no article; its line says why and
    # the merge records it, so the exit code is not a failure of the task.
    extracted = records.pipe(command, checkCode=False).cache()
    extracted.saveAsTextFile(args.output.rstrip("/") + "/extracted")

    pairs = (
        extracted.flatMap(blocking_entries)
        .groupByKey()
        .flatMap(pairs_of(args.posting_cap))
        .groupByKey()
        .map(lambda entry: json.dumps({"a": entry[0][0], "b": entry[0][1], "keys": sorted(entry[1])}))
    )
    pairs.saveAsTextFile(args.output.rstrip("/") + "/pairs")
    counts = extracted.map(lambda line: json.loads(line).get("status")).countByValue()
    print(
        json.dumps(
            {
                "files": len(files),
                "partitions": records.getNumPartitions(),
                "extracted": counts.get("extracted", 0),
                "failed": counts.get("failed", 0),
                "pairs": pairs.count(),
            }
        )
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
