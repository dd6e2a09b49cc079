"""Spreadsheets in and out: files as Excel and Google Sheets export them (tests/fixtures/
spreadsheets) imported end to end, the errors that point the way out, --map and --dry-run, and
exports for Excel with formula neutralisation that survives a round trip."""
import csv
import io
import json
import os
import unittest

from harness import SOURCE_DIR, ConveneTestCase

FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures", "spreadsheets")

EXPECTED = [  # name, email, organisation, language
    ("Léa Dupont", "lea.dupont@example.org", "Cœur d’Arles", "fr"),
    ("José Núñez", "jose@example.org", "Ayuntamiento de Sevilla; Área social", "es"),
    ("Zoë O'Brien", "zoe@example.org", 'Ville "Nouvelle"', "en"),
]


class SpreadsheetImportTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def fixture(self, name):
        return os.path.join(FIXTURES, name)

    def people(self):
        out = self.ok("list", "attendees", self.event, "--format", "jsonl")
        return [json.loads(line) for line in out.splitlines()]

    def imported(self):
        return [(p["name"], p["email"], p["organisation"], p["language"]) for p in self.people()]

    def test_french_excel_utf8_with_bom_semicolons_and_an_empty_row(self):
        result = self.run_convene("register", self.event, "--csv",
                                  self.fixture("excel-fr-utf8-bom.csv"))
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("delimiter ';'", result.stderr)
        self.assertIn("1 empty row skipped", result.stderr)
        self.assertEqual(self.imported(), EXPECTED)

    def test_french_excel_windows_1252(self):
        path = self.fixture("excel-fr-windows-1252.csv")
        # Told UTF-8, the header's "Prénom" is the first place the é of Windows-1252 shows.
        utf8 = self.run_convene("register", self.event, "--csv", path, "--encoding", "utf-8")
        self.assertEqual(utf8.code, 5)
        self.assertIn("excel-fr-windows-1252.csv:1: header: column 2 is not valid UTF-8: "
                      "bytes E9 after \"Pr\"", utf8.stderr)
        self.assertIn("--encoding windows-1252", utf8.stderr)
        self.assertEqual(self.people(), [])
        # Read as Latin-1, the curly apostrophe and œ become C1 controls: refused, not stored.
        latin1 = self.run_convene("register", self.event, "--csv", path, "--encoding", "latin1")
        self.assertEqual(latin1.code, 5)
        self.assertIn("csv:2: the organisation contains a control character", latin1.stderr)
        self.ok("register", self.event, "--csv", path, "--encoding", "windows-1252")
        self.assertEqual(self.imported(), EXPECTED)

    def test_a_file_that_is_not_utf8_is_read_as_windows_1252_without_flags(self):
        path = self.fixture("excel-fr-windows-1252.csv")
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("excel-fr-windows-1252.csv: windows-1252, delimiter ';'", result.stderr)
        self.assertEqual(self.imported(), EXPECTED)

    def test_excel_unicode_text_is_utf16_with_tabs(self):
        result = self.run_convene("register", self.event, "--csv",
                                  self.fixture("excel-unicode-text.txt"))
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("utf-16le, delimiter tab", result.stderr)
        self.assertEqual(self.imported(), EXPECTED)

    def test_delimiter_tab_where_the_header_has_more_commas(self):
        question = "Which days, rooms, meals?"
        path = self.write("tabs.csv", f"name\temail\t{question}\n"
                                      "Ana, Silva\tana@example.org\tMon; Tue, A, vegan\n")
        # Three commas to two tabs: without the flag the header is read split at ','.
        self.assertIn("split at ','", self.fails(5, "register", self.event, "--csv", path))
        result = self.run_convene("register", self.event, "--csv", path, "--delimiter", "tab")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("utf-8, delimiter tab", result.stderr)
        [person] = self.people()
        self.assertEqual((person["name"], person["email"], person[question]),
                         ("Ana, Silva", "ana@example.org", "Mon; Tue, A, vegan"))
        # The same word for a list written with tabs.
        rows = list(csv.reader(io.StringIO(self.ok(
            "list", "attendees", self.event, "--format", "csv", "--delimiter", "tab",
            "--fields", "name,email"), newline=""), delimiter="\t"))
        self.assertEqual(rows, [["name", "email"], ["Ana, Silva", "ana@example.org"]])

    def test_encoding_utf16_reads_a_file_without_a_byte_order_mark(self):
        text = "name,email,organisation\nZoë Ñandú,zoe@example.org,Ville « Nouvelle »\n"
        little = self.write("le.csv", text.encode("utf-16-le"), mode="wb")
        # Without a byte order mark or --encoding it is not UTF-8, so read as Windows-1252 (a
        # note says so), where its zero bytes are refused.
        refused = self.run_convene("register", self.event, "--csv", little)
        self.assertEqual(refused.code, 5, refused.stderr)
        self.assertIn("windows-1252", refused.stderr)
        for encoding in ("utf-16", "utf-16le", "UTF16"):
            with self.subTest(encoding=encoding):
                result = self.run_convene("register", self.event, "--csv", little, "--encoding",
                                          encoding, "--dry-run")
                self.assertEqual(result.code, 0, result.stderr)
                self.assertIn("utf-16le, delimiter ','", result.stderr)
        self.ok("register", self.event, "--csv", little, "--encoding", "utf-16")
        big = self.write("be.csv", text.replace("zoe@", "zoe.be@").encode("utf-16-be"), mode="wb")
        self.ok("register", self.event, "--csv", big, "--encoding", "utf-16be")
        self.assertEqual([(p["name"], p["email"], p["organisation"]) for p in self.people()],
                         [("Zoë Ñandú", "zoe@example.org", "Ville « Nouvelle »"),
                          ("Zoë Ñandú", "zoe.be@example.org", "Ville « Nouvelle »")])

    def test_google_forms_headers_and_language_names(self):
        self.ok("register", self.event, "--csv", self.fixture("google-forms.csv"))
        self.assertEqual(self.imported(), EXPECTED)
        # Recognised as Google's: the timestamp is when the person registered, not a field.
        self.assertEqual(self.people()[0]["registered_at"], "2024-03-01T09:00:00Z")
        self.assertNotIn("Timestamp", self.people()[0])

    def test_trailing_empty_column_and_rows(self):
        result = self.run_convene("register", self.event, "--csv",
                                  self.fixture("trailing-empty.csv"))
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("column 4 has no name in the header: skipped", result.stderr)
        self.assertIn("2 empty rows skipped", result.stderr)
        # No language given: JSON null, as every unset value.
        self.assertEqual(self.imported(), [EXPECTED[0][:3] + (None,)])
        # A value under the unnamed column is not dropped silently.
        path = self.write("value.csv", "name,email,\nA,a@example.org,surprise\n")
        result = self.run_convene("register", self.event, "--csv", path)
        self.assertEqual(result.code, 5)
        self.assertIn("value.csv:2: column 3 has no name in the header, but holds \"surprise\"",
                      result.stderr)

    def test_forced_delimiter_and_the_error_that_shows_the_header(self):
        path = self.write("semi.csv", "name;email\nAna;ana@example.org\n")
        self.fails(5, "register", self.event, "--csv", path, "--delimiter", ",")
        error = self.run_convene("register", self.event, "--csv", path, "--delimiter", ",").stderr
        self.assertIn("semi.csv:1: the header has no name column; read 1 column split at ',': "
                      "\"name;email\"", error)
        self.assertIn("--delimiter ';'", error)
        odd = self.write("odd.csv", "Who,Mail\nAna,ana@example.org\n")
        self.fails(5, "register", self.event, "--csv", odd)
        error = self.run_convene("register", self.event, "--csv", odd).stderr
        self.assertIn("read 2 columns split at ',': \"Who\", \"Mail\"", error)
        self.assertIn("--map 'Who=name'", error)

    def test_map_names_and_joins_columns(self):
        path = self.write("odd.csv", "Given,Family,Mail,Dietary needs\n"
                                     "Ana,Silva,ana@example.org,vegan\n")
        result = self.run_convene("register", self.event, "--csv", path, "--dry-run",
                                  "--map", "name=Given+Family", "--map", "Mail=email",
                                  "--map", "Dietary needs=diet")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("column: name ← \"Given\" + \"Family\"", result.stderr)
        self.assertIn("column: email ← \"Mail\"", result.stderr)
        self.assertIn("column: custom field \"diet\" ← \"Dietary needs\"", result.stderr)
        self.assertEqual(self.people(), [])
        self.ok("register", self.event, "--csv", path, "--map", "name=Given+Family",
                "--map", "Mail=email", "--map", "Dietary needs=diet")
        person = self.people()[0]
        self.assertEqual((person["name"], person["email"], person["diet"]),
                         ("Ana Silva", "ana@example.org", "vegan"))
        self.assertIn("no column 'Nope'", self.fails(5, "register", self.event, "--csv", path,
                                                    "--map", "Nope=email"))

    def test_accented_aliases_in_three_languages(self):
        path = self.write("es.csv", "Nombre,Apellidos,Correo electrónico,Organización,Idioma\n"
                                    "José,Núñez,jose@example.org,Ayuntamiento,francés\n")
        self.ok("register", self.event, "--csv", path)
        self.assertEqual(self.imported(), [("José Núñez", "jose@example.org", "Ayuntamiento",
                                            "fr")])

    def test_control_characters_are_refused_in_any_field(self):
        path = self.write("bell.csv", "name,email,note\nAna,ana@example.org,ring\x07\n")
        self.assertIn("bell.csv:2: field 'note' contains a control character",
                      self.fails(5, "register", self.event, "--csv", path))


class SpreadsheetExportTest(ConveneTestCase):
    NAMES = ['=HYPERLINK("http://evil","x")', "+33 1 23 45 67", "@SUM(A1)", "-minus",
             "'=already quoted", "'plain quote", "Ana; Bob"]

    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()
        for i, name in enumerate(self.NAMES):
            self.ok("register", self.event, "--name", name, "--email", f"p{i}@example.org",
                    "--field", f"note={name}")

    def listing(self, *extra):
        return self.run_convene("list", "attendees", self.event, "--fields", "name,email,note",
                                *extra)

    def test_csv_neutralises_formulas_and_stays_rfc4180(self):
        out = self.listing("--format", "csv").stdout
        self.assertFalse(out.startswith("\ufeff"))
        self.assertIn("\r\n", out)
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual([r[0] for r in rows[1:]],
                         ["'" + self.NAMES[0], "'+33 1 23 45 67", "'@SUM(A1)", "'-minus",
                          "''=already quoted", "'plain quote", "Ana; Bob"])
        raw = list(csv.reader(io.StringIO(self.listing("--format", "csv", "--raw").stdout,
                                          newline="")))
        self.assertEqual([r[0] for r in raw[1:]], self.NAMES)
        tsv = self.listing("--format", "tsv").stdout.splitlines()
        self.assertTrue(tsv[1].startswith("'=HYPERLINK"))

    def test_excel_has_a_bom_and_the_delimiter_given(self):
        result = self.run_convene("list", "attendees", self.event, "--excel", "--delimiter", ";",
                                  "--fields", "name,email")
        self.assertEqual(result.code, 0, result.stderr)
        data = result.stdout
        self.assertTrue(data.startswith("\ufeffname;email\r\n"), data[:30])
        rows = list(csv.reader(io.StringIO(data[1:], newline=""), delimiter=";"))
        self.assertEqual(rows[-1], ["Ana; Bob", "p6@example.org"])
        self.fails(2, "list", "attendees", self.event, "--excel", "--format", "json")

    def test_round_trip_gives_every_value_back(self):
        for n, extra in enumerate(([], ["--excel", "--delimiter", ";"])):
            exported = self.write("out.csv", self.listing("--format", "csv", *extra).stdout)
            other = self.ok("create-event", "--title", "Copy", "--slug", f"copy-{n}", "--date",
                            "2022-04-13").strip()
            self.ok("register", other, "--csv", exported)
            back = self.ok("list", "attendees", other, "--format", "jsonl",
                           "--fields", "name,note")
            self.assertEqual([json.loads(line)["name"] for line in back.splitlines()],
                             self.NAMES)
            self.assertEqual([json.loads(line)["note"] for line in back.splitlines()],
                             self.NAMES)


if __name__ == "__main__":
    unittest.main()
