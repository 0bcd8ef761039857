"""A tour of every format: a session played through every step over Socket.IO, so that a browser
can look at each screen at each step (tests/test_every_screen.py, docs/screenshots.py).

The facilitator's console opens an activity and moves step by step; phones contribute what the
workshops of the seed documents said (the words of each format's tests/test_<format>_session.py).
`Tour.run(format)` is an async generator: it yields a `Stop` once the step's contributions are
acknowledged, and moves to the next step when the caller asks for the next stop.

    tour = await Tour.start(http, session)
    async for stop in tour.run("board"):
        ...  # the screens now show step `stop.step` of the board
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from playwright.async_api import Page, expect

from tests.support import Client, Session, caught_up, join, private_caught_up

# The registry's order (formats/*, as the console lists them).
FORMATS = ("board", "accelerator", "cartography", "consent", "review")

# The phones the tour drives; a browser may join as well (it is counted, never waited for).
CAST = (
    ("Jean", False), ("Claire", False), ("Yanis", True),
    ("Lou", False), ("Malik", False), ("Inès", True),
)  # fmt: skip


@dataclass(frozen=True)
class Stop:
    """Where the tour stands: step `step` (1-based `index` of `total`) of `format`."""

    format: str
    activity_id: str
    activity_title: str
    step: str
    index: int
    total: int
    titles: dict[str, str]  # the step's title, {"fr": …, "en": …}
    seq: int  # the session's state once this step's contributions are in
    # A text the room screen shows once this step's contributions are in (or "").
    room_text: str = ""


@dataclass
class Tour:
    http: httpx.AsyncClient
    session: Session
    facilitator: Client
    phones: dict[str, Client]
    activities: dict[str, str] = field(default_factory=dict)  # format -> activity id
    # What the room shows at each step, set by the drivers (format, step) -> text.
    shows: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    async def start(cls, http: httpx.AsyncClient, session: Session) -> Tour:
        facilitator = await session.facilitator().connect()
        phones = {name: await join(http, session, name, remote=remote) for name, remote in CAST}
        return cls(http, session, facilitator, phones)

    async def stop(self) -> None:
        for client in (self.facilitator, *self.phones.values()):
            await client.disconnect()

    # -- the agenda ---------------------------------------------------------------------------

    async def add(self, *formats: str) -> None:
        """Add activities to the agenda (the first one added to an empty session opens)."""
        for name in formats:
            before = {a["id"] for a in self.facilitator.view["session"]["activities"]}
            title, config = ACTIVITIES[name]
            answer = await self.facilitator.ok(
                "session.add_activity", {"format": name, "title": title, "config": config}
            )
            await caught_up(answer["seq"], self.facilitator)
            (added,) = [
                a["id"]
                for a in self.facilitator.view["session"]["activities"]
                if a["id"] not in before
            ]
            self.activities[name] = added

    async def open(self, name: str) -> None:
        if name not in self.activities:
            await self.add(name)
        activity_id = self.activities[name]
        current = self.facilitator.view["session"].get("current_activity_id")
        if current != activity_id:
            answer = await self.facilitator.ok(
                "session.open_activity", {"activity_id": activity_id}
            )
            await caught_up(answer["seq"], self.facilitator, *self.phones.values())

    async def next_step(self) -> None:
        answer = await self.facilitator.ok("step.next")
        await caught_up(answer["seq"], self.facilitator, *self.phones.values())

    async def run(self, name: str) -> AsyncIterator[Stop]:
        """Open the format's activity and play every step; a `Stop` after each one."""
        await self.open(name)
        steps = self.facilitator.activity["steps"]
        driver = DRIVERS[name](self)
        index = 0
        async for key in driver:
            activity = self.facilitator.activity
            assert activity["step"]["key"] == key, (name, key, activity["step"]["key"])
            index += 1
            seq = self.facilitator.view["seq"]
            await caught_up(seq, *self.phones.values())
            step = steps[index - 1]
            yield Stop(
                format=name,
                activity_id=self.activities[name],
                activity_title=activity["title"],
                step=key,
                index=index,
                total=len(steps),
                titles=dict(step["title"]),
                seq=seq,
                room_text=self.shows.get((name, key), ""),
            )
            if index < len(steps):
                await self.next_step()
        assert index == len(steps), f"{name}: {index} steps played of {len(steps)}"

    # -- helpers for the drivers --------------------------------------------------------------

    def view(self) -> dict[str, Any]:
        """The facilitator's view of the current activity's own state."""
        view: dict[str, Any] = self.facilitator.view["activity"]["view"]
        return view

    def ids(self) -> dict[str, str]:
        return {p["name"]: p["id"] for p in self.facilitator.view["session"]["participants"]}

    async def settle(self, answer: dict[str, Any]) -> None:
        """Wait until the facilitator's console shows the state after a command."""
        await caught_up(answer["seq"], self.facilitator)

    async def role(self, person: str, role: str) -> None:
        answer = await self.facilitator.ok(
            "participant.assign_role",
            {"participant_id": self.ids()[person], "role": role, "assigned": True},
        )
        await caught_up(answer["seq"], self.facilitator)
        await private_caught_up(answer["seq"], self.phones[person])


# -- the activities: a title and settings per format ---------------------------------------------

ACTIVITIES: dict[str, tuple[str, dict[str, Any]]] = {
    "board": (
        "Nos idées",
        {
            "question": "Comment mieux communiquer entre nos structures ?",
            "columns": ["Outils", "Rencontres"],
            "dots": 2,
        },
    ),
    "accelerator": (
        "Accélérateur — Cluster 05",
        {
            "project": "Cluster 05 : coopération entre 5 structures de l'ESS",
            "problem": "Comment mieux communiquer entre et dans les structures de l'ESS ?",
        },
    ),
    "cartography": ("Nos usages numériques", {"purposes": [], "dimensions": [], "dots": 2}),
    "consent": (
        "Charte d'usage des outils numériques",
        {"title": "Charte d'usage des outils numériques", "quorum": 5},
    ),
    "review": ("Bilan à trois ans et projet", {"title": "Bilan 2024–2026, projet 2027–2029"}),
}


# -- the drivers: each yields the step's key once its contributions are acknowledged ------------


async def board(t: Tour) -> AsyncIterator[str]:
    for person, text, group in (
        ("Jean", "Un calendrier partagé", "g1"),
        ("Yanis", "Des petits déjeuners métiers", "g2"),
        ("Lou", "Un agenda partagé", ""),
        ("Inès", "Une newsletter commune", "g1"),
        ("Malik", "Ne pas faire une usine à gaz", ""),
    ):
        payload = {"text": text, **({"group_id": group} if group else {})}
        await t.phones[person].ok("board.add_note", payload)
    yield "write"
    t.shows[("board", "reveal")] = "Des petits déjeuners métiers"
    yield "reveal"
    notes = {n["text"]: n["id"] for n in t.view()["notes"]}
    await t.facilitator.ok(
        "board.merge_notes",
        {"note_id": notes["Un agenda partagé"], "into_id": notes["Un calendrier partagé"]},
    )
    await t.facilitator.ok("board.add_group", {"title": "Méthode"})
    await t.facilitator.ok(
        "board.move_note", {"note_id": notes["Ne pas faire une usine à gaz"], "group_id": "g3"}
    )
    await t.settle(
        await t.facilitator.ok("board.rename_group", {"group_id": "g2", "title": "Se rencontrer"})
    )
    t.shows[("board", "group")] = "Se rencontrer"
    yield "group"
    for person, note in (
        ("Jean", "Un calendrier partagé"),
        ("Yanis", "Des petits déjeuners métiers"),
        ("Lou", "Des petits déjeuners métiers"),
        ("Claire", "Un calendrier partagé"),
        ("Inès", "Des petits déjeuners métiers"),
    ):
        await t.phones[person].ok("board.add_vote", {"note_id": notes[note]})
    yield "vote"
    answer = await t.facilitator.ok(
        "hands.count", {"item_id": notes["Ne pas faire une usine à gaz"], "count": 2}
    )
    await t.settle(answer)
    t.shows[("board", "results")] = "Des petits déjeuners métiers"
    yield "results"


PRESENTATION = """Projet de financement sur 4 ans, coporté par 5 structures de l'ESS.
4 axes :
- communication
- connaissance des dispositifs publics d'aide aux associations
- mutualisation de la trésorerie
- échanges de services entre structures
Un diagnostic : on ne se connaît pas entre nous, on n'est pas coordonnés sur nos événements."""

SYNTHESIS = """Partir de l'interne vers l'externe, et créer la confiance avant l'outil.
- des temps conviviaux, sur place et en visio
- s'inspirer des outils existants (Apidae, transiscope) et interroger leurs succès et échecs"""


async def accelerator(t: Tour) -> AsyncIterator[str]:
    jean, f = t.phones["Jean"], t.facilitator
    await t.role("Jean", "holder")
    await jean.ok("accelerator.write_presentation", {"text": PRESENTATION})
    await f.ok("accelerator.add_point", {"text": "On ne se connaît pas entre structures"})
    await f.ok("accelerator.add_point", {"text": "Des calendriers partagés, pas par tous"})
    await t.settle(await f.ok("accelerator.sign", {"name": "Nicolas"}))
    t.shows[("accelerator", "presentation")] = "On ne se connaît pas entre structures"
    yield "presentation"
    for person, text in (
        ("Claire", "Les outils cartographiques sont-ils contributifs ?"),
        ("Yanis", "Quelles infos voulez-vous partager ?"),
        ("Lou", "Faut-il un logiciel libre ?"),
        ("Malik", "Les 70 personnes se sont-elles déjà réunies ?"),
    ):
        await t.phones[person].ok("accelerator.ask", {"text": text})
    await f.until(lambda c: len(c.view["activity"]["view"]["questions"]) == 4)
    q = {item["text"]: item["id"] for item in t.view()["questions"]}
    await jean.ok(
        "accelerator.answer",
        {
            "question_id": q["Les outils cartographiques sont-ils contributifs ?"],
            "text": "Non, ils ne sont pas partagés.",
        },
    )
    answer = await jean.ok(
        "accelerator.answer",
        {
            "question_id": q["Quelles infos voulez-vous partager ?"],
            "text": "D'abord qui fait quoi, ensuite quand : les événements et l'actualité.",
        },
    )
    await t.settle(answer)
    t.shows[("accelerator", "questions")] = "Quelles infos voulez-vous partager ?"
    yield "questions"
    answer = await jean.ok(
        "accelerator.set_request",
        {
            "text": "Je souhaite que le groupe m'aide à trouver comment, et avec quels outils, "
            "mieux communiquer entre nous, avec les pouvoirs publics et avec le grand public."
        },
    )
    await t.settle(answer)
    t.shows[("accelerator", "request")] = "Je souhaite que le groupe m'aide"
    yield "request"
    for person, kind, text in (
        ("Claire", "warning", "Que ça ne devienne pas une usine à gaz : partir simple."),
        ("Yanis", "experience", "Apidae : chacun remplit une fiche, chaque commune y pioche."),
        ("Lou", "idea", "Des petits déjeuners où chacun présente son métier."),
        ("Malik", "idea", "Partir de l'interne vers l'externe."),
        ("Inès", "idea", "Recenser les craintes des partenaires sur ce projet."),
    ):
        await t.phones[person].ok("accelerator.contribute", {"text": text, "kind": kind})
    await f.ok("accelerator.add_theme", {"title": "Méthode"})
    await f.ok("accelerator.add_theme", {"title": "Confiance"})
    await f.until(
        lambda c: (
            len(c.view["activity"]["view"]["themes"]) == 2
            and len(c.view["activity"]["view"]["contributions"]) == 5
        )
    )
    themes = {x["title"]: x["id"] for x in t.view()["themes"]}
    c = {x["text"]: x["id"] for x in t.view()["contributions"]}
    for text, theme in (
        ("Que ça ne devienne pas une usine à gaz : partir simple.", "Méthode"),
        ("Partir de l'interne vers l'externe.", "Méthode"),
        ("Des petits déjeuners où chacun présente son métier.", "Confiance"),
    ):
        answer = await f.ok(
            "accelerator.set_theme", {"contribution_id": c[text], "theme_id": themes[theme]}
        )
    await t.settle(answer)
    t.shows[("accelerator", "exchanges")] = "Des petits déjeuners"
    yield "exchanges"
    await jean.ok("accelerator.write_synthesis", {"text": SYNTHESIS})
    for what, who, when in (
        ("Organiser un premier petit déjeuner des métiers", "Jean et Camille", "mars"),
        ("Interroger Apidae sur ses succès et ses échecs", "Jean", "avril"),
        ("Recenser les craintes des partenaires", "Comité de pilotage", "avant l'été"),
    ):
        answer = await f.ok("accelerator.add_action", {"what": what, "who": who, "when": when})
    await t.settle(answer)
    t.shows[("accelerator", "synthesis")] = "Organiser un premier petit déjeuner des métiers"
    yield "synthesis"
    ids = t.ids()
    order = [ids[name] for name in ("Claire", "Yanis", "Lou", "Jean")]
    answer = await f.ok("accelerator.set_round", {"participant_ids": order})
    await caught_up(answer["seq"], t.phones["Claire"], t.phones["Yanis"])
    await t.phones["Claire"].until(lambda c: c.private["mine"].get("turn_id") is not None)
    await t.phones["Claire"].ok(
        "accelerator.say_takeaway",
        {"text": "La formule donne une vision globale, sans connaître le territoire."},
    )
    await f.ok("accelerator.give_turn")
    await t.phones["Yanis"].until(lambda c: c.private["mine"].get("turn_id") is not None)
    answer = await t.phones["Yanis"].ok(
        "accelerator.say_takeaway",
        {"text": "Beaucoup apprécié la créativité collective, le rebond des idées."},
    )
    await t.settle(answer)
    t.shows[("accelerator", "closing")] = "Yanis"
    yield "closing"


async def cartography(t: Tour) -> AsyncIterator[str]:
    f, p = t.facilitator, t.phones
    for person, organisation in (
        ("Jean", "Asso X"),
        ("Lou", "  asso x "),
        ("Malik", "Association X"),
        ("Yanis", "Créasol"),
        ("Inès", "La Palette"),
        ("Claire", "Hiéro"),
    ):
        await p[person].ok("cartography.set_organisation", {"name": organisation})
    zones = {z["key"]: z["id"] for z in t.view()["purposes"]}
    for person, tool, purposes, why in (
        ("Jean", "Facebook", ["external", "social"], "choice"),
        ("Jean", "HelloAsso", ["memberships"], "necessity"),
        ("Lou", "facebook ", ["external"], "necessity"),
        ("Malik", "Dolibarr", ["accounting"], "necessity"),
        ("Yanis", "Nextcloud", ["files", "internal"], "choice"),
        ("Inès", "FB", ["social"], "necessity"),
        ("Claire", "WhatsApp", ["internal"], "choice"),
    ):
        payload = {"tool": tool, "purpose_ids": [zones[k] for k in purposes], "why": why}
        answer = await p[person].ok("cartography.add_use", payload)
    await t.settle(answer)
    t.shows[("cartography", "inventory")] = "Nextcloud"
    yield "inventory"
    orgs = {o["name"]: o["id"] for o in t.view()["organisations"]}
    tools = {o["name"]: o["id"] for o in t.view()["tools"]}
    await f.ok(
        "cartography.merge_organisations",
        {"organisation_id": orgs["Association X"], "into_id": orgs["Asso X"]},
    )
    await f.ok("cartography.merge_tools", {"tool_id": tools["FB"], "into_id": tools["Facebook"]})
    await t.settle(await f.ok("cartography.spotlight_zone", {"purpose_id": zones["social"]}))
    t.shows[("cartography", "map")] = "Facebook"
    yield "map"
    dimensions = {x["key"]: x["id"] for x in t.view()["dimensions"]}
    for person, tool, dimension, value in (
        ("Jean", "Facebook", "ethics", -1),
        ("Jean", "Facebook", "time", 1),
        ("Lou", "Facebook", "ethics", -2),
        ("Inès", "Facebook", "ethics", -1),
        ("Yanis", "Nextcloud", "ethics", 2),
        ("Yanis", "Nextcloud", "time", -1),
        ("Malik", "HelloAsso", "time", 2),
    ):
        rating: dict[str, Any] = {"tool_id": tools[tool], "dimension_id": dimensions[dimension]}
        await p[person].ok("cartography.rate", {**rating, "value": value})
    answer = await f.ok("cartography.show_dimension", {"dimension_id": dimensions["ethics"]})
    await t.settle(answer)
    t.shows[("cartography", "impacts")] = "Nextcloud"
    yield "impacts"
    for person, kind, text in (
        ("Jean", "stake", "Flux d'info : comment éviter la noyade ?"),
        ("Yanis", "stake", "Les rôles des bénévoles et des salariés dans la communication"),
        ("Claire", "criterion", "Adaptés aux pratiques des personnes mobilisées"),
        ("Inès", "criterion", "Articulés entre eux"),
        ("Lou", "criterion", "Évolutifs et éthiques"),
    ):
        answer = await p[person].ok("cartography.add_stake", {"kind": kind, "text": text})
    await t.settle(answer)
    t.shows[("cartography", "stakes")] = "Articulés entre eux"
    yield "stakes"
    s = {x["text"][:8]: x["id"] for x in t.view()["stakes"]}
    for person, stake in (
        ("Jean", "Flux d'i"), ("Jean", "Adaptés "), ("Yanis", "Les rôle"), ("Yanis", "Évolutif"),
        ("Lou", "Évolutif"), ("Inès", "Articulé"), ("Inès", "Flux d'i"), ("Malik", "Adaptés "),
    ):  # fmt: skip
        answer = await p[person].ok("cartography.add_vote", {"stake_id": s[stake]})
    await t.settle(answer)
    yield "vote"
    t.shows[("cartography", "results")] = "Flux d'info"
    yield "results"


CHARTER = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h."""
AMENDED = """Les échanges entre bénévoles passent par Mattermost.
Les documents partagés sont rangés dans le Cloud de l'association.
Chaque salarié·e répond aux messages sous 48 h, hors week-end."""


async def consent(t: Tour) -> AsyncIterator[str]:
    f, p = t.facilitator, t.phones
    claire = p["Claire"]
    await t.role("Claire", "proposer")
    await t.settle(await claire.ok("consent.write_proposal", {"text": CHARTER}))
    t.shows[("consent", "proposal")] = "Mattermost"
    yield "proposal"
    await p["Yanis"].ok("consent.ask", {"text": "Qui a accès au Cloud ?"})
    await p["Lou"].ok("consent.ask", {"text": "Et sans compte Mattermost ?"})
    await f.until(lambda c: len(c.view["activity"]["view"]["questions"]) == 2)
    questions = {q["text"]: q["id"] for q in t.view()["questions"]}
    await claire.ok(
        "consent.answer",
        {"question_id": questions["Qui a accès au Cloud ?"], "text": "Tous les membres."},
    )
    answer = await claire.ok(
        "consent.answer",
        {
            "question_id": questions["Et sans compte Mattermost ?"],
            "text": "On en crée un pour chaque bénévole qui le veut.",
        },
    )
    await t.settle(answer)
    t.shows[("consent", "clarification")] = "Tous les membres."
    yield "clarification"
    for person, text in (
        ("Yanis", "Enfin un cadre clair."),
        ("Inès", "Et les bénévoles éloignés du numérique ?"),
        ("Malik", "48 h, c'est court."),
    ):
        answer = await p[person].ok("consent.react", {"text": text})
    await t.settle(answer)
    yield "reactions"
    answer = await claire.ok(
        "consent.amend", {"text": AMENDED, "reason": "Après le tour de réactions"}
    )
    await t.settle(answer)
    t.shows[("consent", "amendment")] = "hors week-end"
    yield "amendment"
    for person, position, text in (
        ("Jean", "consent", ""),
        ("Claire", "consent", ""),
        ("Yanis", "consent", ""),
        ("Lou", "concern", "Garder une version papier de la charte."),
        ("Inès", "objection", "Sans formation, les bénévoles éloignés du numérique seront exclus."),
        ("Malik", "consent", ""),
    ):
        payload = {"position": position, **({"text": text} if text else {})}
        await p[person].ok("consent.give_position", payload)
    # The browser's phone may not answer: the facilitator shows the positions.
    await t.settle(await f.ok("step.reveal", {"revealed": True}))
    t.shows[("consent", "objections")] = "Sans formation"
    yield "objections"
    (objection,) = t.view()["objections"]
    answer = await p["Inès"].ok("consent.withdraw_objection", {"objection_id": objection["id"]})
    await t.settle(answer)
    yield "integration"
    await t.settle(await f.ok("consent.decide", {"outcome": "adopted"}))
    t.shows[("consent", "decision")] = "Garder une version papier de la charte."
    yield "decision"


async def review(t: Tour) -> AsyncIterator[str]:
    f, p = t.facilitator, t.phones
    for person, year, kind, text in (
        ("Jean", 0, "success", "Le guide l'écolocal paraît"),
        ("Claire", 1, "difficulty", "Départ de la coordinatrice"),
        ("Yanis", 2, "turning_point", "Passage à Mattermost"),
        ("Inès", 1, "success", "30 bénévoles de plus"),
        ("Lou", 2, "lesson", "Un outil ne suffit pas sans formation"),
    ):
        await p[person].ok("review.add_event", {"year": year, "kind": kind, "text": text})
    await t.settle(await f.ok("review.set_years", {"first_year": 2024}))
    t.shows[("review", "timeline")] = "Passage à Mattermost"
    yield "timeline"
    for person, column, text in (
        ("Jean", "proud", "Le guide l'écolocal"),
        ("Claire", "regret", "Trop de réunions le soir"),
        ("Malik", "learned", "Impliquer les bénévoles dès le début"),
        ("Yanis", "learned", "Documenter nos décisions"),
        ("Lou", "learned", "Se former ensemble aux outils"),
    ):
        answer = await p[person].ok("review.add_reflection", {"column": column, "text": text})
    await t.settle(answer)
    lessons = {r["text"]: r["id"] for r in t.view()["reflections"]["learned"]}
    for person, lesson in (
        ("Jean", "Documenter nos décisions"),
        ("Claire", "Impliquer les bénévoles dès le début"),
        ("Inès", "Documenter nos décisions"),
        ("Lou", "Se former ensemble aux outils"),
    ):
        answer = await p[person].ok("review.vote", {"reflection_id": lessons[lesson]})
    await t.settle(answer)
    t.shows[("review", "looking_back")] = "Documenter nos décisions"
    yield "looking_back"
    axes = [a["id"] for a in t.view()["axes"]]
    for person, year, axis, text in (
        ("Jean", 0, axes[0], "Une charte des outils numériques"),
        ("Malik", 0, axes[1], "Un parcours d'accueil des bénévoles"),
        ("Yanis", 1, axes[2], "Un deuxième guide, sur l'alimentation"),
        ("Claire", 2, axes[3], "Un poste de coordination pérenne"),
    ):
        answer = await p[person].ok("review.propose", {"year": year, "axis_id": axis, "text": text})
    await t.settle(answer)
    t.shows[("review", "aspirations")] = "Un parcours d'accueil des bénévoles"
    yield "aspirations"
    objectives = {o["text"]: o["id"] for o in t.view()["objectives"]}
    charter = objectives["Une charte des outils numériques"]
    welcome = objectives["Un parcours d'accueil des bénévoles"]
    guide = objectives["Un deuxième guide, sur l'alimentation"]
    post = objectives["Un poste de coordination pérenne"]
    for person, given in (
        ("Jean", {charter: (4, 3), welcome: (3, 4), guide: (2, 2), post: (4, 1)}),
        ("Claire", {charter: (4, 4), welcome: (3, 3), guide: (2, 1), post: (4, 2)}),
        ("Malik", {charter: (3, 3), welcome: (4, 4), guide: (3, 2)}),
        ("Yanis", {charter: (4, 3), welcome: (3, 3)}),
    ):
        for objective, (importance, feasibility) in given.items():
            answer = await p[person].ok(
                "review.rate",
                {"objective_id": objective, "importance": importance, "feasibility": feasibility},
            )
    await t.settle(answer)
    yield "priorities"
    await f.ok(
        "review.commit",
        {
            "objective_id": charter,
            "text": "Adopter une charte des outils numériques",
            "owner": "Le CA",
            "year": 0,
            "individual": "Chacun·e sait où ranger un document",
            "collective": "La charte est adoptée en assemblée générale",
        },
    )
    answer = await f.ok(
        "review.commit",
        {
            "objective_id": welcome,
            "owner": "Nadia et Paul",
            "year": 1,
            "individual": "Chaque nouveau bénévole connaît une personne référente",
            "collective": "Dix bénévoles accueillis par le parcours",
        },
    )
    await t.settle(answer)
    t.shows[("review", "commitments")] = "Adopter une charte des outils numériques"
    yield "commitments"


async def screens_at(pages: dict[str, Page], stop: Stop, lang: str) -> None:
    """Wait until each screen open in a browser shows the stop's step in `lang`: the room its
    `room-step` (and what it shows at that step), the console its stepper, the phone its title.
    `pages` names them "room", "console" and "phone" (any may be missing)."""
    for page in pages.values():
        await expect(page.locator("html")).to_have_attribute("lang", lang)
    if room := pages.get("room"):
        await expect(room.get_by_test_id("room-step")).to_have_attribute("data-step", stop.step)
        if stop.room_text:
            await expect(room.get_by_test_id("room-step")).to_contain_text(stop.room_text)
    if console := pages.get("console"):
        current = console.locator("[data-testid=stepper-step][aria-current=step]")
        await expect(current).to_contain_text(stop.titles[lang])
        await expect(console.locator("section.current")).to_have_attribute("data-step", stop.step)
    if phone := pages.get("phone"):
        await expect(phone.get_by_test_id("step-title")).to_have_text(stop.titles[lang])


DRIVERS: dict[str, Callable[[Tour], AsyncIterator[str]]] = {
    "board": board,
    "accelerator": accelerator,
    "cartography": cartography,
    "consent": consent,
    "review": review,
}
