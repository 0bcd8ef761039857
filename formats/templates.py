"""Built-in session templates: ready-made agendas for the formats we ship.

Each activity gives its title and settings per language; a session started from a template in
French gets the French texts. Saved templates (from a session's agenda) live in the database.
"""

from __future__ import annotations

from typing import Any

from facilitation.messages import french_spacing

_TEMPLATES: tuple[dict[str, Any], ...] = (
    {
        "id": "builtin-ideas",
        "title": {"fr": "Idées et priorités", "en": "Ideas and priorities"},
        "description": {
            "fr": "Un mur de post-it : chacun·e écrit, on découvre, on regroupe, on vote.",
            "en": "A sticky-note board: everyone writes, we reveal, group and vote.",
        },
        "activities": [
            {
                "format": "board",
                "title": {"fr": "Nos idées", "en": "Our ideas"},
                "anonymity": "anonymous",
                "config": {
                    "fr": {"question": "Quelles idées pour avancer ensemble ?", "dots": 3},
                    "en": {"question": "Which ideas would move us forward together?", "dots": 3},
                },
            }
        ],
    },
    {
        "id": "builtin-retrospective",
        "title": {"fr": "Bilan d'une action", "en": "Looking back on an action"},
        "description": {
            "fr": "Deux murs de post-it : ce qui a marché, puis ce qu'on change la prochaine fois.",
            "en": "Two sticky-note boards: what worked, then what we change next time.",
        },
        "activities": [
            {
                "format": "board",
                "title": {"fr": "Ce qui a marché", "en": "What worked"},
                "anonymity": "pseudonym",
                "config": {
                    "fr": {"question": "Qu'est-ce qui a bien marché ?", "dots": 2},
                    "en": {"question": "What worked well?", "dots": 2},
                },
            },
            {
                "format": "board",
                "title": {"fr": "Ce qu'on change", "en": "What we change"},
                "anonymity": "anonymous",
                "config": {
                    "fr": {"question": "Que changer la prochaine fois ?", "dots": 3},
                    "en": {"question": "What should we change next time?", "dots": 3},
                },
            },
        ],
    },
    {
        "id": "builtin-accelerator",
        "title": {"fr": "Accélérateur de projet", "en": "Project accelerator"},
        "description": {
            "fr": "Une personne apporte un projet et une difficulté ; le groupe l'aide en six "
            "étapes, jusqu'à un plan d'action.",
            "en": "One person brings a project and a difficulty; the group helps in six steps, "
            "up to an action plan.",
        },
        "activities": [
            {
                "format": "accelerator",
                "title": {"fr": "Accélérateur de projet", "en": "Project accelerator"},
                "anonymity": "named",
                "config": {"fr": {}, "en": {}},
            }
        ],
    },
    {
        "id": "builtin-cartography",
        "title": {
            "fr": "Cartographie des usages numériques",
            "en": "Cartography of digital usages",
        },
        "description": {
            "fr": "Chaque structure dit quels outils numériques elle utilise et pourquoi ; on en "
            "évalue les impacts, puis on dégage enjeux communs et critères d'un bon outil.",
            "en": "Each organisation says which digital tools it uses and why; we rate their "
            "impacts, then draw shared stakes and criteria of a good tool.",
        },
        "activities": [
            {
                "format": "cartography",
                "title": {"fr": "Nos usages numériques", "en": "Our digital usages"},
                "anonymity": "anonymous",
                "config": {"fr": {"dots": 3}, "en": {"dots": 3}},
            }
        ],
    },
    {
        "id": "builtin-review",
        "title": {"fr": "Bilan à trois ans et projet", "en": "Three-year review and project"},
        "description": {
            "fr": "Le bilan partagé des trois dernières années sur une frise, ce dont on est "
            "fier, ce qu'on regrette, ce qu'on a appris ; puis le projet des trois prochaines : "
            "objectifs par axe, priorités, engagements et critères de réussite.",
            "en": "A shared review of the last three years on a timeline, what we are proud of, "
            "regret and learned; then the project for the next three: objectives by axis, "
            "priorities, commitments and success criteria.",
        },
        "activities": [
            {
                "format": "review",
                "title": {
                    "fr": "Bilan à trois ans et projet",
                    "en": "Three-year review and project",
                },
                "anonymity": "named",
                "config": {
                    "fr": {
                        "axes": [
                            "Communication interne",
                            "Implication des bénévoles",
                            "Activités",
                            "Professionnalisation",
                        ],
                        "dots": 3,
                    },
                    "en": {
                        "axes": [
                            "Internal communication",
                            "Volunteer involvement",
                            "Activities",
                            "Professionalisation",
                        ],
                        "dots": 3,
                    },
                },
            }
        ],
    },
)


def _french_spaced(value: Any) -> Any:
    """The templates with French typography in their French texts (facilitation/messages.py)."""
    if isinstance(value, dict):
        return {
            key: _french_text(inner) if key == "fr" else _french_spaced(inner)
            for key, inner in value.items()
        }
    if isinstance(value, list):
        return [_french_spaced(inner) for inner in value]
    return value


def _french_text(value: Any) -> Any:
    if isinstance(value, str):
        return french_spacing({"": value})[""]
    if isinstance(value, dict):
        return {key: _french_text(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_french_text(inner) for inner in value]
    return value


BUILTIN_TEMPLATES: tuple[dict[str, Any], ...] = tuple(_french_spaced(t) for t in _TEMPLATES)
