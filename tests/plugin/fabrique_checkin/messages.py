"""The check-in's words on the server (steps, instructions, minutes)."""

from __future__ import annotations

MESSAGES = {
    "fr": {
        "title": "Météo",
        "description": "Chacun·e dit en un mot comment il ou elle arrive.",
        "config.question": "Question",
        "step.share": "Partager",
        "step.read": "Lire",
        "step.share.instructions.participant": "En un mot ou deux : comment arrivez-vous ?",
        "step.share.instructions.facilitator": "Chacun·e écrit ses mots ; ils restent cachés.",
        "step.read.instructions.participant": "Voici la météo du groupe.",
        "step.read.instructions.facilitator": "Lisez les mots avec le groupe.",
        "minutes.words": "Mots partagés",
    },
    "en": {
        "title": "Check-in",
        "description": "Everyone says in a word how they arrive.",
        "config.question": "Question",
        "step.share": "Share",
        "step.read": "Read",
        "step.share.instructions.participant": "In a word or two: how do you arrive?",
        "step.share.instructions.facilitator": "Everyone writes their words; they stay hidden.",
        "step.read.instructions.participant": "Here is how the group arrives.",
        "step.read.instructions.facilitator": "Read the words with the group.",
        "minutes.words": "Words shared",
    },
}
