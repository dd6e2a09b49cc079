"""A model-based test of registration (issue 25): a small reference model of one event
(capacity, registrations, waiting list, cancellations, check-ins) and a seeded generator of
command sequences: register one person in every --on-duplicate mode, unregister, import a CSV or
JSON Lines file and import it again in every mode (with --skip-invalid and --dry-run too),
capacity up, down and off, check-in, forget, and `db copy` to the other engine and back into
a new store, which the sequence carries on with.
After each step, `list attendees` and `stats` must say what the model says, and `db check` must
find the store sound.

A failure prints its seed and the sequence, shrunk to the steps that still fail, as commands.
Knobs (environment): CONVENE_MODEL_SEQUENCES (how many sequences this file runs), _STEPS (steps
per sequence), _SEED (the first seed; sequence i uses seed + i), _SHARD and _SHARDS (which part of
the seeds this ctest entry runs, so that entries run side by side). With CONVENE_TEST_STORE=
postgresql the store is PostgreSQL and `db copy` goes through a SQLite file; on SQLite it goes
through PostgreSQL when the server's programs are installed.
"""
import copy
import json
import os
import random
import unittest
from dataclasses import dataclass, field

from harness import FIXED_EPOCH, POSTGRESQL, SANITIZED, ConveneTestCase

# 200 sequences of 30 steps per CI run over both engines: 140 on SQLite, 60 on PostgreSQL
# (each store's share split over the entries that run this file). Under the sanitizers every
# command runs several times slower, and the point there is memory errors, not more sequences.
DEFAULT_SEQUENCES = (60 if POSTGRESQL else 140) if not SANITIZED else (2 if POSTGRESQL else 4)
SEQUENCES = int(os.environ.get("CONVENE_MODEL_SEQUENCES", DEFAULT_SEQUENCES))
STEPS = int(os.environ.get("CONVENE_MODEL_STEPS", 30))
FIRST_SEED = int(os.environ.get("CONVENE_MODEL_SEED", 2026))
SHARD = int(os.environ.get("CONVENE_MODEL_SHARD", 0))
SHARDS = int(os.environ.get("CONVENE_MODEL_SHARDS", 1))

POOL = [("Ana Pérez", "ana@ejemplo.es"), ("Bernard Dupont", "Bernard@Exemple.fr"),
        ("Chloé Martin", "chloe@exemple.fr"), ("Dmitri Ivanov", "dmitri@example.org"),
        ("Élodie Zoé", "elodie@exemple.fr"), ("Fatou Diallo", "fatou@example.sn"),
        ("Grace Hopper", "grace@example.com"), ("Hiroshi Sato", "hiroshi@example.jp")]
SLUG = "modelled"
MODES = ("error", "skip", "update")


@dataclass
class Person:
    name: str
    email: str
    status: str
    at: int     # registered_at
    id: int     # registration order: the second key of every list
    checked_in: bool = False


@dataclass
class Model:
    """One event as convene's rules describe it (domain/capacity.hpp, app/registrar.hpp)."""
    capacity: int = None
    people: dict = field(default_factory=dict)  # email key -> Person
    next_id: int = 1

    def ordered(self):
        return sorted(self.people.values(), key=lambda p: (p.at, p.id))

    def count(self, status):
        return sum(1 for p in self.people.values() if p.status == status)

    def free(self):
        return None if self.capacity is None else max(0, self.capacity - self.count("registered"))

    def promotable(self):
        free, waiting = self.free(), self.count("waitlisted")
        return waiting if free is None else min(free, waiting)

    def promote(self):
        n = self.promotable()
        for person in [p for p in self.ordered() if p.status == "waitlisted"][:n]:
            person.status = "registered"

    def place(self):
        free = self.free()
        if self.count("waitlisted") == 0 and (free is None or free > 0):
            return "registered"
        return "waitlisted"

    def add(self, name, email, mode, now):
        """One request; returns "added", "skipped", "updated" or "conflict" (nothing changed)."""
        person = self.people.get(email.lower())
        if person and person.status != "cancelled":
            if mode == "error":
                return "conflict"
            if mode == "skip":
                return "skipped"
            person.name, person.email = name, email
            return "updated"
        self.promote()
        status = self.place()
        # New, or signed up again: a new registration at the end of the queue.
        self.people[email.lower()] = Person(name, email, status, now, self.next_id)
        self.next_id += 1
        return "added"

    def cancel(self, key):
        self.people[key].status = "cancelled"
        self.promote()

    def attendees(self):
        waiting = [p for p in self.ordered() if p.status == "waitlisted"]
        return [{"name": p.name, "email": p.email, "status": p.status,
                 "waitlist_position": waiting.index(p) + 1 if p in waiting else None,
                 "checked_in": p.checked_in} for p in self.ordered()]

    def stats(self):
        registered = self.count("registered")
        return {"capacity": self.capacity, "taken": registered, "free": self.free(),
                "waiting": self.count("waitlisted"), "cancelled": self.count("cancelled"),
                "checked_in": sum(1 for p in self.people.values()
                                  if p.status == "registered" and p.checked_in)}


# --- steps: each is a dict, applied to the model and turned into convene commands -------------

def generate(rng, steps):
    sequence = [{"do": "capacity", "value": rng.choice([1, 2, 3, 4])}]
    last_file = None
    for _ in range(steps - 1):
        kind = rng.choices(["register", "unregister", "import", "reimport", "capacity",
                            "check-in", "forget", "copy"],
                           weights=[6, 4, 3, 3 if last_file else 0, 2, 2, 1, 1])[0]
        person = rng.choice(POOL)
        if kind == "register":
            step = {"do": kind, "person": person, "mode": rng.choice(MODES)}
        elif kind in ("unregister", "check-in", "forget"):
            step = {"do": kind, "person": person}
        elif kind == "capacity":
            step = {"do": kind, "value": rng.choice([None, 1, 2, 3, 5])}
        elif kind == "copy":
            step = {"do": kind}
        else:
            if kind == "import":
                rows = rng.sample(POOL, rng.randint(1, len(POOL)))
                if rng.random() < 0.2:
                    rows.append(rng.choice(rows))  # the same person twice in one file
                if rng.random() < 0.2:
                    rows.insert(rng.randrange(len(rows) + 1), ("Not An Address", "nobody"))
                last_file = {"rows": rows, "format": rng.choice(["csv", "jsonl"])}
            step = {"do": "import", **last_file, "mode": rng.choice(MODES),
                    "skip_invalid": rng.random() < 0.4, "dry_run": rng.random() < 0.15}
        sequence.append(step)
    return sequence


def describe(step):
    if step["do"] == "import":
        flags = f" --on-duplicate {step['mode']}" + (" --skip-invalid" * step["skip_invalid"]) + \
            (" --dry-run" * step["dry_run"])
        return f"register {SLUG} --{step['format']} <{[e for _, e in step['rows']]}>{flags}"
    if step["do"] == "register":
        return f"register {SLUG} --email {step['person'][1]} --on-duplicate {step['mode']}"
    if step["do"] == "capacity":
        return f"update-event {SLUG} " + ("--no-capacity" if step["value"] is None
                                          else f"--capacity {step['value']}")
    if step["do"] == "copy":
        return "db copy --to OTHER, then --from OTHER into NEW (and carry on there)"
    return f"{step['do']} {SLUG} {step['person'][1]}"


def expect(model, step, now):
    """Applies `step` to `model`; returns the exit code convene must give."""
    kind = step["do"]
    if kind == "capacity":
        if model.capacity != step["value"]:
            model.capacity = step["value"]
            model.promote()
        return 0
    if kind == "copy":
        return 0
    if kind == "register":
        name, email = step["person"]
        return 4 if model.add(name, email, step["mode"], now) == "conflict" else 0
    if kind == "import":
        trial = copy.deepcopy(model)
        for name, email in step["rows"]:
            if "@" not in email:
                if not step["skip_invalid"]:
                    return 5
                continue
            if trial.add(name, email, step["mode"], now) == "conflict" and not step["skip_invalid"]:
                return 4
        if not step["dry_run"]:
            model.__dict__.update(trial.__dict__)
        return 0
    key = step["person"][1].lower()
    person = model.people.get(key)
    if person is None:
        return 3
    if kind == "unregister":
        if person.status != "cancelled":
            model.cancel(key)
        return 0
    if kind == "check-in":
        if person.status == "cancelled":
            return 4
        person.checked_in = True
        return 0
    if kind == "forget":
        if person.status != "cancelled":
            model.cancel(key)
        del model.people[key]
        return 0
    raise AssertionError(kind)


class ModelBased(ConveneTestCase):
    def test_sequences_agree_with_the_model(self):
        seeds = [FIRST_SEED + i for i in range(SEQUENCES) if i % SHARDS == SHARD]
        for seed in seeds:
            sequence = generate(random.Random(seed), STEPS)
            failure = self.run_sequence(sequence)
            if failure:
                shrunk = self.shrink(sequence)
                lines = "\n".join(f"  {i + 1}. {describe(s)}" for i, s in enumerate(shrunk))
                self.fail(f"seed {seed} ({'PostgreSQL' if POSTGRESQL else 'SQLite'}): "
                          f"{failure}\nshrunk to {len(shrunk)} of {len(sequence)} steps:\n{lines}"
                          f"\nrerun: CONVENE_MODEL_SEED={seed} CONVENE_MODEL_SEQUENCES=1")

    def fresh_store(self, n, postgresql):
        return self.postgres_database() if postgresql else self.path(f"model-{n}.db")

    def run_sequence(self, sequence):
        """Runs `sequence` on a fresh store; returns what went wrong first, or None."""
        self.copies = getattr(self, "copies", 0) + 1
        store = self.fresh_store(self.copies * 100, POSTGRESQL)
        model = Model()
        self.convene(store, 0, "create-event", "--title", "Modelled", "--slug", SLUG,
                     "--start", "2030-04-13T15:00", "--end", "16:00", "--tz", "Europe/Paris")
        for number, step in enumerate(sequence, start=1):
            now = int(FIXED_EPOCH) + 60 * number
            wanted = expect(model, step, now)
            if step["do"] == "copy":
                # There (the other engine where there is one, else another file) and back into
                # a new store of this run's engine, which the sequence carries on with.
                there = self.fresh_store(self.copies * 100 + number,
                                         not POSTGRESQL and self.can_use_postgresql())
                back = self.fresh_store(self.copies * 100 + number + 50, POSTGRESQL)
                got = self.convene(store, now, "db", "copy", "--to", there)
                if got.code == 0:
                    got = self.convene(back, now, "db", "copy", "--from", there)
                store = back
            else:
                got = self.convene(store, now, *self.command(step, number))
            if got.code != wanted:
                return f"step {number} ({describe(step)}): exit {got.code}, expected {wanted}: " \
                       f"{got.stderr.strip()}"
            seen = self.observe(store)
            if seen != (model.attendees(), model.stats()):
                return f"step {number} ({describe(step)}): convene says {seen}, the model " \
                       f"{(model.attendees(), model.stats())}"
            check = self.check_database(store)
            if check.code != 0:
                return f"step {number} ({describe(step)}): db check: {check.stdout}{check.stderr}"
        return None

    def can_use_postgresql(self):
        import postgres_server
        return not postgres_server.why_unavailable()

    def command(self, step, number):
        kind = step["do"]
        if kind == "register":
            name, email = step["person"]
            return ["register", SLUG, "--name", name, "--email", email, "--on-duplicate",
                    step["mode"]]
        if kind == "capacity":
            value = step["value"]
            return ["update-event", SLUG] + (["--no-capacity"] if value is None
                                             else ["--capacity", str(value)])
        if kind == "import":
            path = self.path(f"people-{self.copies}-{number}.{step['format']}")
            with open(path, "w", encoding="utf-8") as f:
                if step["format"] == "csv":
                    f.write("name,email\n" + "".join(f'"{n}",{e}\n' for n, e in step["rows"]))
                else:
                    f.write("".join(json.dumps({"name": n, "email": e}) + "\n"
                                    for n, e in step["rows"]))
            return (["register", SLUG, f"--{step['format']}", path, "--on-duplicate",
                     step["mode"]] + ["--skip-invalid"] * step["skip_invalid"] +
                    ["--dry-run"] * step["dry_run"])
        if kind == "forget":
            return ["forget", SLUG, step["person"][1]]
        return [kind, SLUG, step["person"][1]]

    def convene(self, store, now, *args):
        env = {"SOURCE_DATE_EPOCH": str(now or int(FIXED_EPOCH))}
        return self.run_convene("--db", store, *args, env=env)

    def observe(self, store):
        listed = json.loads(self.convene(store, 0, "list", "attendees", SLUG, "--format", "json",
                                         "--fields",
                                         "name,email,status,waitlist_position,checked_in_at"
                                         ).stdout)
        for row in listed:
            row["checked_in"] = row.pop("checked_in_at") is not None
        stats = {row["figure"]: row["count"]
                 for row in json.loads(self.convene(store, 0, "stats", SLUG, "--format",
                                                    "json").stdout)
                 if row["figure"] in ("capacity", "taken", "free", "waiting", "cancelled",
                                      "checked_in")}
        return listed, stats

    def shrink(self, sequence):
        """Leaves out steps, one at a time, while the sequence still fails (the first step, the
        capacity, stays)."""
        i = len(sequence) - 1
        while i >= 1:
            candidate = sequence[:i] + sequence[i + 1:]
            if self.run_sequence(candidate):
                sequence = candidate
            i -= 1
        return sequence


if __name__ == "__main__":
    unittest.main()
