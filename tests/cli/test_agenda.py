"""Agendas end to end: add, insert, move, update, remove, list, and their errors."""
import unittest

from harness import ConveneTestCase

SEED_SPEAKER = "Monami Maulik; Stakeholder Liaison Officer; Réseau des Nations Unies sur la migration"


class AgendaTest(ConveneTestCase):
    def setUp(self):
        super().setUp()
        _, self.event = self.create_briefing()

    def add(self, *args):
        return int(self.ok("add-agenda-item", self.event, *args).strip())

    def agenda(self):
        return self.run_json("list", "agenda", self.event)

    def run_json(self, *args):
        import json
        return json.loads(self.ok(*args, "--format", "json"))

    def titles(self):
        rows = self.agenda()
        self.assertEqual([r["position"] for r in rows], list(range(1, len(rows) + 1)),
                         "positions are not 1..n")
        return [r["title"] for r in rows]

    def test_append_insert_move_remove_keep_positions_contiguous(self):
        self.assertEqual(self.add("--title", "B"), 1)
        self.assertEqual(self.add("--title", "D"), 2)
        self.assertEqual(self.add("--title", "A", "--position", "1"), 1)
        self.assertEqual(self.add("--title", "C", "--position", "3"), 3)
        self.assertEqual(self.add("--title", "E", "--position", "5"), 5)
        self.assertEqual(self.titles(), ["A", "B", "C", "D", "E"])

        self.ok("move-agenda-item", self.event, "1", "--to", "5")
        self.assertEqual(self.titles(), ["B", "C", "D", "E", "A"])
        self.ok("move-agenda-item", self.event, "4", "--to", "2")
        self.assertEqual(self.titles(), ["B", "E", "C", "D", "A"])

        self.ok("remove-agenda-item", self.event, "2")
        self.assertEqual(self.titles(), ["B", "C", "D", "A"])
        self.ok("remove-agenda-item", self.event, "4")
        self.assertEqual(self.titles(), ["B", "C", "D"])
        self.ok("remove-agenda-item", self.event, "1")
        self.assertEqual(self.titles(), ["C", "D"])

    def test_speakers_and_points_keep_their_order(self):
        self.add("--title", "La route vers l'IMRF", "--kind", "talk",
                 "--speaker", SEED_SPEAKER,
                 "--speaker", r"Sophie van Haasen; Coordinatrice\; GFMD; GFMD Mayors Mechanism",
                 "--speaker", "Ada",
                 "--point", "Première ?", "--point", "Deuxième ?",
                 "--description", "Questions directrices :")
        [item] = self.agenda()
        self.assertEqual(item["kind"], "talk")
        self.assertEqual(item["speakers"], [
            {"name": "Monami Maulik", "role": "Stakeholder Liaison Officer",
             "organisation": "Réseau des Nations Unies sur la migration"},
            {"name": "Sophie van Haasen", "role": "Coordinatrice; GFMD",
             "organisation": "GFMD Mayors Mechanism"},
            {"name": "Ada", "role": None, "organisation": None},  # unset is null
        ])
        self.assertEqual(list(item["speakers"][0]), ["name", "role", "organisation"])
        self.assertEqual(item["points"], ["Première ?", "Deuxième ?"])
        page = self.run_json("show", self.event)
        self.assertEqual(page["agenda"][0]["description"], "Questions directrices :")

    def test_update_changes_only_what_is_given(self):
        self.add("--title", "Talk", "--speaker", "Ada; Chair", "--point", "One",
                 "--start", "+10m", "--duration", "20m")
        self.add("--title", "After")
        self.ok("update-agenda-item", self.event, "1", "--title", "Keynote", "--kind", "talk")
        first = self.agenda()[0]
        self.assertEqual((first["title"], first["kind"]), ("Keynote", "talk"))
        self.assertEqual(first["speakers"][0]["name"], "Ada")
        self.assertEqual(first["points"], ["One"])
        self.assertEqual(first["start"], "2022-04-13T15:10:00+02:00")
        self.assertEqual(first["end"], "2022-04-13T15:30:00+02:00")
        self.assertEqual(first["duration_minutes"], 20)

        self.ok("update-agenda-item", self.event, "1", "--speaker", "Bea", "--no-points",
                "--no-start", "--kind", "")
        first = self.agenda()[0]
        self.assertEqual([s["name"] for s in first["speakers"]], ["Bea"])
        self.assertEqual(first["points"], [])
        self.assertIsNone(first["start"])
        self.assertIsNone(first["kind"])
        self.assertEqual(self.titles(), ["Keynote", "After"])

    def test_no_duration_and_no_speakers_remove_only_those(self):
        self.add("--title", "Talk", "--speaker", "Ada; Chair", "--speaker", "Bea",
                 "--point", "One", "--start", "+10m", "--duration", "20m")
        self.ok("update-agenda-item", self.event, "1", "--no-duration")
        [item] = self.agenda()
        self.assertIsNone(item["duration_minutes"])
        self.assertIsNone(item["end"])
        self.assertEqual(item["start"], "2022-04-13T15:10:00+02:00")
        self.assertEqual([s["name"] for s in item["speakers"]], ["Ada", "Bea"])
        self.ok("update-agenda-item", self.event, "1", "--no-speakers")
        [item] = self.agenda()
        self.assertEqual(item["speakers"], [])
        self.assertEqual((item["title"], item["points"], item["start"]),
                         ("Talk", ["One"], "2022-04-13T15:10:00+02:00"))
        self.assertEqual(self.run_json("show", self.event)["agenda"][0]["speakers"], [])
        # Once gone, removing them again changes nothing.
        result = self.run_convene("update-agenda-item", self.event, "1", "--no-speakers",
                                  "--no-duration")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("nothing to change", result.stderr)
        self.fails(2, "update-agenda-item", self.event, "1", "--duration", "5m", "--no-duration")
        self.fails(2, "update-agenda-item", self.event, "1", "--speaker", "Cy", "--no-speakers")

    def test_a_speaker_written_with_commas_is_kept_with_a_warning(self):
        result = self.run_convene("add-agenda-item", self.event, "--title", "Talk",
                                  "--speaker", "Ana Silva, Chair, IOM", "--speaker", "Doe, Jane",
                                  "--speaker", "Bo Chen; Host, Day 1; IOM")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stderr.splitlines(), [
            "convene: warning: speaker 'Ana Silva, Chair, IOM' is stored as one name: its fields "
            "are separated by ';', as in \"Ana Silva; Chair; IOM\""])
        [item] = self.agenda()
        self.assertEqual([s["name"] for s in item["speakers"]],
                         ["Ana Silva, Chair, IOM", "Doe, Jane", "Bo Chen"])
        result = self.run_convene("update-agenda-item", self.event, "1", "--speaker",
                                  "A, B, C, D")
        self.assertIn("as in \"A; B; C, D\"", result.stderr)

    def test_description_from_a_file_and_stdin(self):
        self.write("notes.txt", "Ligne une\nLigne deux\n")
        self.add("--title", "A", "--description", "@notes.txt")
        self.ok("add-agenda-item", self.event, "--title", "B", "--description", "-",
                input="Depuis stdin\n")
        page = self.run_json("show", self.event)
        self.assertEqual([i["description"] for i in page["agenda"]],
                         ["Ligne une\nLigne deux", "Depuis stdin"])

    def test_list_agenda_in_every_format(self):
        self.add("--title", "Détails techniques")
        self.add("--title", "La route", "--speaker", SEED_SPEAKER, "--speaker", "Sophie van Haasen",
                 "--start", "15:05", "--duration", "25m")
        tsv = self.ok("list", "agenda", self.event, "--format", "tsv").splitlines()
        self.assertEqual(tsv[0].split("\t"), ["position", "start", "end", "duration_minutes",
                                              "title", "kind", "speakers", "points"])
        self.assertEqual(tsv[2].split("\t"), [
            "2", "2022-04-13T15:05:00+02:00", "2022-04-13T15:30:00+02:00", "25", "La route", "",
            "Monami Maulik, Stakeholder Liaison Officer, Réseau des Nations Unies sur la migration; "
            "Sophie van Haasen", ""])
        csv_out = self.ok("list", "agenda", self.event, "--format", "csv", "--no-header")
        self.assertTrue(csv_out.startswith("1,,,,Détails techniques,,,\r\n"), csv_out)
        jsonl = self.ok("list", "agenda", self.event, "--format", "jsonl").splitlines()
        self.assertEqual(len(jsonl), 2)
        table = self.ok("list", "agenda", self.event, "--format", "table")
        self.assertIn("Détails techniques", table)
        self.assertEqual(self.run_json("list", "agenda", self.event)[1]["speakers"][1],
                         {"name": "Sophie van Haasen", "role": None, "organisation": None})

    def test_moving_the_event_moves_its_timed_items(self):
        self.add("--title", "Untimed")
        self.add("--title", "Talk", "--start", "15:05", "--duration", "25m")
        result = self.run_convene("update-event", self.event, "--start", "2022-04-14T10:00")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertIn("moved 1 timed agenda item with the event", result.stderr)
        self.assertNotIn("warning", result.stderr)
        rows = self.agenda()
        self.assertEqual((rows[0]["start"], rows[1]["start"]),
                         (None, "2022-04-14T10:05:00+02:00"))
        # A description edit leaves the items where they are.
        self.ok("update-event", self.event, "--description", "x")
        self.assertEqual(self.agenda()[1]["start"], "2022-04-14T10:05:00+02:00")

    def test_changing_a_timed_item_raises_the_event_sequence(self):
        def sequence():
            return self.run_json("show", self.event)["sequence"]
        self.add("--title", "Untimed")
        self.add("--title", "Talk", "--start", "15:05", "--duration", "25m")
        self.ok("update-agenda-item", self.event, "1", "--title", "Renamed")
        self.ok("update-agenda-item", self.event, "2", "--description", "Slides online")
        self.assertEqual(sequence(), 0)
        self.ok("update-agenda-item", self.event, "2", "--start", "15:10")
        self.assertEqual(sequence(), 1)

    def test_timing_problems_are_warnings(self):
        result = self.run_convene("add-agenda-item", self.event, "--title", "Early",
                                  "--start", "14:30", "--duration", "15m")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stdout, "1\n")
        self.assertEqual(result.stderr,
                         "convene: warning: item 1 (Early) starts before the event\n")
        self.add("--title", "Talk", "--start", "+0m", "--duration", "30m")
        result = self.run_convene("add-agenda-item", self.event, "--title", "Parallel",
                                  "--start", "+15m", "--duration", "1h")
        self.assertEqual(result.code, 0, result.stderr)
        self.assertEqual(result.stderr.splitlines(), [
            "convene: warning: item 3 (Parallel) ends after the event",
            "convene: warning: item 3 (Parallel) overlaps item 2 (Talk)",
        ])

    def test_bad_input_gives_the_documented_code_and_one_line(self):
        self.add("--title", "Only")
        err = self.fails(3, "add-agenda-item", "no-such-event", "--title", "T")
        self.assertIn("no event 'no-such-event'", err)
        self.assertIn("agenda item 2", self.fails(3, "remove-agenda-item", self.event, "2"))
        self.fails(3, "update-agenda-item", self.event, "5", "--title", "T")
        self.fails(3, "move-agenda-item", self.event, "2", "--to", "1")
        self.assertIn("--position: 0", self.fails(2, "add-agenda-item", self.event, "--title", "T",
                                                 "--position", "0"))
        self.assertIn("--position: 3", self.fails(2, "add-agenda-item", self.event, "--title", "T",
                                                 "--position", "3"))
        self.assertIn("--to: 2", self.fails(2, "move-agenda-item", self.event, "1", "--to", "2"))
        self.fails(2, "move-agenda-item", self.event, "1", "--to", "0")
        self.fails(2, "remove-agenda-item", self.event, "0")
        self.assertIn("has no name", self.fails(2, "add-agenda-item", self.event, "--title", "T",
                                                "--speaker", " ; Role; Org"))
        self.assertIn("unterminated", self.fails(2, "add-agenda-item", self.event, "--title", "T",
                                                 "--speaker", "Ada; Role\\"))
        self.assertIn("keynote", self.fails(2, "add-agenda-item", self.event, "--title", "T",
                                            "--kind", "keynote"))
        self.fails(2, "add-agenda-item", self.event)  # no title
        self.fails(2, "add-agenda-item", self.event, "--title", "T", "--start", "soon")
        self.fails(2, "update-agenda-item", self.event, "1", "--start", "+5m", "--no-start")
        # Nothing of the failed commands was written.
        self.assertEqual(self.titles(), ["Only"])

    def test_deleting_the_event_deletes_its_agenda(self):
        self.add("--title", "Only")
        self.ok("delete-event", self.event, "--yes")
        self.fails(3, "list", "agenda", self.event)


if __name__ == "__main__":
    unittest.main()
