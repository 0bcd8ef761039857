"""What happens at each step of each format in the tour (tests/tour.py): the activity's title and
settings, and a driver per format that plays its steps, yielding each step's key once the
step's contributions are acknowledged. The words are those of the seed workshops, as in each
format's tests/test_<format>_session.py."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

from tests.support import caught_up
from tests.tour_texts import AMENDED, CHARTER, PRESENTATION, SYNTHESIS

if TYPE_CHECKING:
    from tests.tour import Tour


# -- the activities: a title and settings per format ---------------------------------------------


def activities(s: Callable[[str], str]) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        "board": (
            s("Nos idées"),
            {
                "question": s("Comment mieux communiquer entre nos structures ?"),
                "columns": [s("Outils"), s("Rencontres")],
                "dots": 2,
            },
        ),
        "accelerator": (
            s("Accélérateur — Cluster 05"),
            {
                "project": s("Cluster 05 : coopération entre 5 structures de l'ESS"),
                "problem": s("Comment mieux communiquer entre et dans les structures de l'ESS ?"),
            },
        ),
        "cartography": (s("Nos usages numériques"), {"purposes": [], "dimensions": [], "dots": 2}),
        "consent": (
            s("Charte d'usage des outils numériques"),
            {"title": s("Charte d'usage des outils numériques"), "quorum": 5},
        ),
        "review": (
            s("Bilan à trois ans et projet"),
            {"title": s("Bilan 2024–2026, projet 2027–2029")},
        ),
    }


# -- the drivers: each yields the step's key once its contributions are acknowledged ------------


async def board(t: Tour) -> AsyncIterator[str]:
    s = t.say
    for person, text, group in (
        ("Jean", s("Un calendrier partagé"), "g1"),
        ("Yanis", s("Des petits déjeuners métiers"), "g2"),
        ("Lou", s("Un agenda partagé"), ""),
        ("Inès", s("Une newsletter commune"), "g1"),
        ("Malik", s("Ne pas faire une usine à gaz"), ""),
    ):
        payload = {"text": text, **({"group_id": group} if group else {})}
        answer = await t.phones[person].ok("board.add_note", payload)
    await t.settle(answer)
    yield "write"
    t.shows[("board", "reveal")] = s("Des petits déjeuners métiers")
    yield "reveal"
    notes = {n["text"]: n["id"] for n in t.view()["notes"]}
    await t.facilitator.ok(
        "board.merge_notes",
        {"note_id": notes[s("Un agenda partagé")], "into_id": notes[s("Un calendrier partagé")]},
    )
    await t.facilitator.ok("board.add_group", {"title": s("Méthode")})
    await t.facilitator.ok(
        "board.move_note", {"note_id": notes[s("Ne pas faire une usine à gaz")], "group_id": "g3"}
    )
    await t.settle(
        await t.facilitator.ok(
            "board.rename_group", {"group_id": "g2", "title": s("Se rencontrer")}
        )
    )
    t.shows[("board", "group")] = s("Se rencontrer")
    yield "group"
    for person, note in (
        ("Jean", s("Un calendrier partagé")),
        ("Yanis", s("Des petits déjeuners métiers")),
        ("Lou", s("Des petits déjeuners métiers")),
        ("Claire", s("Un calendrier partagé")),
        ("Inès", s("Des petits déjeuners métiers")),
    ):
        answer = await t.phones[person].ok("board.add_vote", {"note_id": notes[note]})
    await t.settle(answer)
    yield "vote"
    answer = await t.facilitator.ok(
        "hands.count", {"item_id": notes[s("Ne pas faire une usine à gaz")], "count": 2}
    )
    await t.settle(answer)
    t.shows[("board", "results")] = s("Des petits déjeuners métiers")
    yield "results"


async def accelerator(t: Tour) -> AsyncIterator[str]:
    s = t.say
    jean, f = t.phones["Jean"], t.facilitator
    await t.role("Jean", "holder")
    await jean.ok("accelerator.write_presentation", {"text": s(PRESENTATION)})
    await f.ok("accelerator.add_point", {"text": s("On ne se connaît pas entre structures")})
    await f.ok("accelerator.add_point", {"text": s("Des calendriers partagés, pas par tous")})
    await t.settle(await f.ok("accelerator.sign", {"name": "Nicolas"}))
    t.shows[("accelerator", "presentation")] = s("On ne se connaît pas entre structures")
    yield "presentation"
    for person, text in (
        ("Claire", s("Les outils cartographiques sont-ils contributifs ?")),
        ("Yanis", s("Quelles infos voulez-vous partager ?")),
        ("Lou", s("Faut-il un logiciel libre ?")),
        ("Malik", s("Les 70 personnes se sont-elles déjà réunies ?")),
    ):
        await t.phones[person].ok("accelerator.ask", {"text": text})
    await f.until(lambda c: len(c.view["activity"]["view"]["questions"]) == 4)
    q = {item["text"]: item["id"] for item in t.view()["questions"]}
    await jean.ok(
        "accelerator.answer",
        {
            "question_id": q[s("Les outils cartographiques sont-ils contributifs ?")],
            "text": s("Non, ils ne sont pas partagés."),
        },
    )
    answer = await jean.ok(
        "accelerator.answer",
        {
            "question_id": q[s("Quelles infos voulez-vous partager ?")],
            "text": s("D'abord qui fait quoi, ensuite quand : les événements et l'actualité."),
        },
    )
    await t.settle(answer)
    t.shows[("accelerator", "questions")] = s("Quelles infos voulez-vous partager ?")
    yield "questions"
    answer = await jean.ok(
        "accelerator.set_request",
        {
            "text": s(
                "Je souhaite que le groupe m'aide à trouver comment, et avec quels outils, "
                "mieux communiquer entre nous, avec les pouvoirs publics et avec le grand public."
            )
        },
    )
    await t.settle(answer)
    t.shows[("accelerator", "request")] = s("Je souhaite que le groupe m'aide")
    yield "request"
    for person, kind, text in (
        ("Claire", "warning", s("Que ça ne devienne pas une usine à gaz : partir simple.")),
        ("Yanis", "experience", s("Apidae : chacun remplit une fiche, chaque commune y pioche.")),
        ("Lou", "idea", s("Des petits déjeuners où chacun présente son métier.")),
        ("Malik", "idea", s("Partir de l'interne vers l'externe.")),
        ("Inès", "idea", s("Recenser les craintes des partenaires sur ce projet.")),
    ):
        await t.phones[person].ok("accelerator.contribute", {"text": text, "kind": kind})
    await f.ok("accelerator.add_theme", {"title": s("Méthode")})
    await f.ok("accelerator.add_theme", {"title": s("Confiance")})
    await f.until(
        lambda c: (
            len(c.view["activity"]["view"]["themes"]) == 2
            and len(c.view["activity"]["view"]["contributions"]) == 5
        )
    )
    themes = {x["title"]: x["id"] for x in t.view()["themes"]}
    c = {x["text"]: x["id"] for x in t.view()["contributions"]}
    for text, theme in (
        (s("Que ça ne devienne pas une usine à gaz : partir simple."), s("Méthode")),
        (s("Partir de l'interne vers l'externe."), s("Méthode")),
        (s("Des petits déjeuners où chacun présente son métier."), s("Confiance")),
    ):
        answer = await f.ok(
            "accelerator.set_theme", {"contribution_id": c[text], "theme_id": themes[theme]}
        )
    await t.settle(answer)
    t.shows[("accelerator", "exchanges")] = s("Des petits déjeuners")
    yield "exchanges"
    await jean.ok("accelerator.write_synthesis", {"text": s(SYNTHESIS)})
    for what, who, when in (
        (s("Organiser un premier petit déjeuner des métiers"), s("Jean et Camille"), s("mars")),
        (s("Interroger Apidae sur ses succès et ses échecs"), "Jean", s("avril")),
        (s("Recenser les craintes des partenaires"), s("Comité de pilotage"), s("avant l'été")),
    ):
        answer = await f.ok("accelerator.add_action", {"what": what, "who": who, "when": when})
    await t.settle(answer)
    t.shows[("accelerator", "synthesis")] = s("Organiser un premier petit déjeuner des métiers")
    yield "synthesis"
    ids = t.ids()
    order = [ids[name] for name in ("Claire", "Yanis", "Lou", "Jean")]
    answer = await f.ok("accelerator.set_round", {"participant_ids": order})
    await caught_up(answer["seq"], t.phones["Claire"], t.phones["Yanis"])
    await t.phones["Claire"].until(lambda c: c.private["mine"].get("turn_id") is not None)
    await t.phones["Claire"].ok(
        "accelerator.say_takeaway",
        {"text": s("La formule donne une vision globale, sans connaître le territoire.")},
    )
    await f.ok("accelerator.give_turn")
    await t.phones["Yanis"].until(lambda c: c.private["mine"].get("turn_id") is not None)
    answer = await t.phones["Yanis"].ok(
        "accelerator.say_takeaway",
        {"text": s("Beaucoup apprécié la créativité collective, le rebond des idées.")},
    )
    await t.settle(answer)
    t.shows[("accelerator", "closing")] = "Yanis"
    yield "closing"


async def cartography(t: Tour) -> AsyncIterator[str]:
    s = t.say
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
    stakes = {
        "flow": ("Jean", "stake", s("Flux d'info : comment éviter la noyade ?")),
        "roles": (
            "Yanis",
            "stake",
            s("Les rôles des bénévoles et des salariés dans la communication"),
        ),
        "adapted": ("Claire", "criterion", s("Adaptés aux pratiques des personnes mobilisées")),
        "linked": ("Inès", "criterion", s("Articulés entre eux")),
        "open": ("Lou", "criterion", s("Évolutifs et éthiques")),
    }
    for person, kind, text in stakes.values():
        answer = await p[person].ok("cartography.add_stake", {"kind": kind, "text": text})
    await t.settle(answer)
    stake_ids = {x["text"]: x["id"] for x in t.view()["stakes"]}
    t.shows[("cartography", "stakes")] = s("Articulés entre eux")
    yield "stakes"
    for person, stake in (
        ("Jean", "flow"), ("Jean", "adapted"), ("Yanis", "roles"), ("Yanis", "open"),
        ("Lou", "open"), ("Inès", "linked"), ("Inès", "flow"), ("Malik", "adapted"),
    ):  # fmt: skip
        answer = await p[person].ok(
            "cartography.add_vote", {"stake_id": stake_ids[stakes[stake][2]]}
        )
    await t.settle(answer)
    yield "vote"
    t.shows[("cartography", "results")] = s("Flux d'info")
    yield "results"


async def consent(t: Tour) -> AsyncIterator[str]:
    s = t.say
    f, p = t.facilitator, t.phones
    claire = p["Claire"]
    await t.role("Claire", "proposer")
    await t.settle(await claire.ok("consent.write_proposal", {"text": s(CHARTER)}))
    t.shows[("consent", "proposal")] = s("Mattermost")
    yield "proposal"
    await p["Yanis"].ok("consent.ask", {"text": s("Qui a accès au Cloud ?")})
    await p["Lou"].ok("consent.ask", {"text": s("Et sans compte Mattermost ?")})
    await f.until(lambda c: len(c.view["activity"]["view"]["questions"]) == 2)
    questions = {q["text"]: q["id"] for q in t.view()["questions"]}
    await claire.ok(
        "consent.answer",
        {"question_id": questions[s("Qui a accès au Cloud ?")], "text": s("Tous les membres.")},
    )
    answer = await claire.ok(
        "consent.answer",
        {
            "question_id": questions[s("Et sans compte Mattermost ?")],
            "text": s("On en crée un pour chaque bénévole qui le veut."),
        },
    )
    await t.settle(answer)
    t.shows[("consent", "clarification")] = s("Tous les membres.")
    yield "clarification"
    for person, text in (
        ("Yanis", s("Enfin un cadre clair.")),
        ("Inès", s("Et les bénévoles éloignés du numérique ?")),
        ("Malik", s("48 h, c'est court.")),
    ):
        answer = await p[person].ok("consent.react", {"text": text})
    await t.settle(answer)
    yield "reactions"
    answer = await claire.ok(
        "consent.amend", {"text": s(AMENDED), "reason": s("Après le tour de réactions")}
    )
    await t.settle(answer)
    t.shows[("consent", "amendment")] = s("hors week-end")
    yield "amendment"
    for person, position, text in (
        ("Jean", "consent", ""),
        ("Claire", "consent", ""),
        ("Yanis", "consent", ""),
        ("Lou", "concern", s("Garder une version papier de la charte.")),
        (
            "Inès",
            "objection",
            s("Sans formation, les bénévoles éloignés du numérique seront exclus."),
        ),
        ("Malik", "consent", ""),
    ):
        payload = {"position": position, **({"text": text} if text else {})}
        await p[person].ok("consent.give_position", payload)
    # The browser's phone may not answer: the facilitator shows the positions.
    await t.settle(await f.ok("step.reveal", {"revealed": True}))
    t.shows[("consent", "objections")] = s("Sans formation")
    yield "objections"
    (objection,) = t.view()["objections"]
    answer = await p["Inès"].ok("consent.withdraw_objection", {"objection_id": objection["id"]})
    await t.settle(answer)
    yield "integration"
    await t.settle(await f.ok("consent.decide", {"outcome": "adopted"}))
    t.shows[("consent", "decision")] = s("Garder une version papier de la charte.")
    yield "decision"


async def review(t: Tour) -> AsyncIterator[str]:
    s = t.say
    f, p = t.facilitator, t.phones
    for person, year, kind, text in (
        ("Jean", 0, "success", s("Le guide l'écolocal paraît")),
        ("Claire", 1, "difficulty", s("Départ de la coordinatrice")),
        ("Yanis", 2, "turning_point", s("Passage à Mattermost")),
        ("Inès", 1, "success", s("30 bénévoles de plus")),
        ("Lou", 2, "lesson", s("Un outil ne suffit pas sans formation")),
    ):
        await p[person].ok("review.add_event", {"year": year, "kind": kind, "text": text})
    await t.settle(await f.ok("review.set_years", {"first_year": 2024}))
    t.shows[("review", "timeline")] = s("Passage à Mattermost")
    yield "timeline"
    for person, column, text in (
        ("Jean", "proud", s("Le guide l'écolocal")),
        ("Claire", "regret", s("Trop de réunions le soir")),
        ("Malik", "learned", s("Impliquer les bénévoles dès le début")),
        ("Yanis", "learned", s("Documenter nos décisions")),
        ("Lou", "learned", s("Se former ensemble aux outils")),
    ):
        answer = await p[person].ok("review.add_reflection", {"column": column, "text": text})
    await t.settle(answer)
    lessons = {r["text"]: r["id"] for r in t.view()["reflections"]["learned"]}
    for person, lesson in (
        ("Jean", s("Documenter nos décisions")),
        ("Claire", s("Impliquer les bénévoles dès le début")),
        ("Inès", s("Documenter nos décisions")),
        ("Lou", s("Se former ensemble aux outils")),
    ):
        answer = await p[person].ok("review.vote", {"reflection_id": lessons[lesson]})
    await t.settle(answer)
    t.shows[("review", "looking_back")] = s("Documenter nos décisions")
    yield "looking_back"
    axes = [a["id"] for a in t.view()["axes"]]
    for person, year, axis, text in (
        ("Jean", 0, axes[0], s("Une charte des outils numériques")),
        ("Malik", 0, axes[1], s("Un parcours d'accueil des bénévoles")),
        ("Yanis", 1, axes[2], s("Un deuxième guide, sur l'alimentation")),
        ("Claire", 2, axes[3], s("Un poste de coordination pérenne")),
    ):
        answer = await p[person].ok("review.propose", {"year": year, "axis_id": axis, "text": text})
    await t.settle(answer)
    t.shows[("review", "aspirations")] = s("Un parcours d'accueil des bénévoles")
    yield "aspirations"
    objectives = {o["text"]: o["id"] for o in t.view()["objectives"]}
    charter = objectives[s("Une charte des outils numériques")]
    welcome = objectives[s("Un parcours d'accueil des bénévoles")]
    guide = objectives[s("Un deuxième guide, sur l'alimentation")]
    post = objectives[s("Un poste de coordination pérenne")]
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
            "text": s("Adopter une charte des outils numériques"),
            "owner": s("Le CA"),
            "year": 0,
            "individual": s("Chacun·e sait où ranger un document"),
            "collective": s("La charte est adoptée en assemblée générale"),
        },
    )
    answer = await f.ok(
        "review.commit",
        {
            "objective_id": welcome,
            "owner": s("Nadia et Paul"),
            "year": 1,
            "individual": s("Chaque nouveau bénévole connaît une personne référente"),
            "collective": s("Dix bénévoles accueillis par le parcours"),
        },
    )
    await t.settle(answer)
    t.shows[("review", "commitments")] = s("Adopter une charte des outils numériques")
    yield "commitments"


DRIVERS: dict[str, Callable[[Tour], AsyncIterator[str]]] = {
    "board": board,
    "accelerator": accelerator,
    "cartography": cartography,
    "consent": consent,
    "review": review,
}
