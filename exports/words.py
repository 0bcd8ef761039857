"""The exports' own words (CSV headings, calendar texts), French first."""

from __future__ import annotations

from collections.abc import Mapping

from facilitation.messages import french_spacing

WORDS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "file.minutes": "compte-rendu",
        "file.data": "donnees",
        "file.actions": "actions",
        "csv.number": "n° activité",
        "csv.activity": "activité",
        "csv.format": "format",
        "csv.kind": "type",
        "csv.id": "id",
        "csv.text": "texte",
        "csv.theme": "thème",
        "csv.author": "auteur·rice",
        "csv.proxy": "saisi pour une personne sans téléphone",
        "csv.about": "à propos de",
        "csv.value": "valeur",
        "csv.detail": "détail",
        "csv.yes": "oui",
        "staff.scribe": "secrétaire de séance",
        "staff.facilitator": "animation",
        "ics.who": "Qui",
        "ics.when": "Quand (tel que saisi)",
        "ics.undated": "Sans échéance reconnue : à dater.",
        "ics.from": "Séance « {title} » du {date}, activité « {activity} ».",
    },
    "en": {
        "file.minutes": "minutes",
        "file.data": "data",
        "file.actions": "actions",
        "csv.number": "activity no.",
        "csv.activity": "activity",
        "csv.format": "format",
        "csv.kind": "kind",
        "csv.id": "id",
        "csv.text": "text",
        "csv.theme": "theme",
        "csv.author": "author",
        "csv.proxy": "entered for a person without a phone",
        "csv.about": "about",
        "csv.value": "value",
        "csv.detail": "detail",
        "csv.yes": "yes",
        "staff.scribe": "scribe",
        "staff.facilitator": "facilitator",
        "ics.who": "Who",
        "ics.when": "When (as typed)",
        "ics.undated": "No due date recognised: to be dated.",
        "ics.from": "Session “{title}” of {date}, activity “{activity}”.",
    },
}
WORDS = {**WORDS, "fr": french_spacing(WORDS["fr"])}
