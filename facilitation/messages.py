"""The engine's words, in French (default) and English. Formats bring their own catalogs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

# French typography: a no-break space before the high punctuation and inside « », so that a
# line never starts with ":" or "?". The catalogs are typed with plain spaces, and spaced here.
_HIGH_PUNCTUATION = re.compile(r" ([:;?!»])")


def french_spacing(words: Mapping[str, str]) -> dict[str, str]:
    """A French catalog with its plain spaces before ":", ";", "?", "!", "»" and after "«"
    made no-break (U+00A0)."""
    return {key: _french(text) for key, text in words.items()}


def _french(text: str) -> str:
    return _HIGH_PUNCTUATION.sub("\u00a0\\1", text).replace("« ", "«\u00a0")


ENGINE: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "error.invalid_payload": "Cette demande est incomplète ou mal formée ({field}).",
        "error.too_long": "Ce texte est trop long ({max} caractères au plus).",
        "error.unknown_command": "Action inconnue.",
        "error.not_allowed": "Votre rôle ne permet pas cette action.",
        "error.wrong_step": "Cette action n'est pas possible à cette étape.",
        "error.no_activity": "Aucune activité n'est en cours.",
        "error.activity_changed": "L'animation est passée à une autre activité : rien n'a été envoyé.",
        "error.not_found": "Cet élément n'existe pas ou plus.",
        "error.not_yours": "Vous ne pouvez modifier que vos propres contributions.",
        "error.unknown_format": "Ce format d'activité n'existe pas sur ce serveur.",
        "error.no_next_step": "C'est déjà la dernière étape.",
        "error.no_previous_step": "C'est déjà la première étape.",
        "error.rate_limited": "Trop d'envois d'un coup : patientez quelques secondes.",
        "error.conflict": "Un autre envoi est passé juste avant : réessayez.",
        "error.server_error": "Le serveur a rencontré un problème : rien n'a été enregistré.",
        "error.storage_full": "Le serveur n'a plus de place pour enregistrer : rien n'a été enregistré. Réessayez dans un moment.",
        "error.storage_busy": "La base de données du serveur est occupée : rien n'a été enregistré. Réessayez dans un instant.",
        "error.revoked": "Votre accès à cette séance a été retiré : rien n'a été enregistré.",
        "error.unknown_code": "Ce code ne correspond à aucune séance. Vérifiez-le.",
        "error.unauthorized": "Cette page est réservée à l'animation de la séance.",
        "error.not_shared": "Ce compte-rendu n'est pas partagé, ou ne l'est plus.",
        "error.nothing_to_publish": "Aucune destination n'est réglée : indiquez un dossier Nextcloud ou un canal Mattermost.",
        "error.forbidden": "Ce lien ne donne pas accès à cette séance.",
        "error.passphrase_required": "Ce serveur demande la phrase de passe des organisateur·rices.",
        "error.input_locked": "La saisie est fermée pour le moment.",
        "error.not_revealed": "Cette contribution n'a pas encore été révélée : elle ne peut pas aller sur l'écran de la salle.",
        "error.time_up": "Le temps est écoulé : la saisie est fermée pour cette étape.",
        "error.name_required": "Cette activité est nominative : indiquez d'abord votre prénom.",
        "error.nothing_to_undo": "Il n'y a rien à annuler.",
        "error.not_optional": "L'étape suivante n'est pas facultative : elle ne peut pas être sautée.",
        "error.no_timer": "Aucun minuteur n'est lancé pour cette étape.",
        "error.timer_paused": "Le minuteur est déjà en pause.",
        "error.timer_running": "Le minuteur tourne déjà.",
        "error.activity_is_current": "C'est l'activité en cours : ouvrez-en une autre avant de la retirer.",
        "error.unknown_role": "Ce rôle n'existe pas dans cette activité.",
        "error.joining_locked": "La séance n'accepte plus de nouvelles personnes. Adressez-vous à l'animation.",
        "error.unknown_template": "Ce modèle n'existe pas (ou plus) sur ce serveur.",
        "error.empty_agenda": "Le déroulé est vide : ajoutez une activité avant d'en faire un modèle.",
        "participant.proxy": "Personne dans la salle {number}",
        "participant.anonymous": "Participant·e {number}",
        "participant.forgotten": "une personne participante",
        "error.session_deleted": "Cette séance a été supprimée.",
        "minutes.title": "Compte-rendu",
        "minutes.date": "Date",
        "minutes.facilitator": "Animé par",
        "minutes.participants": "Participant·es",
        "minutes.removed_one": "(et {count} personne retirée en cours de séance)",
        "minutes.removed_other": "(et {count} personnes retirées en cours de séance)",
        "minutes.activities": "Activités",
        "minutes.no_activity": "Aucune activité n'a encore eu lieu.",
        "minutes.register": "Registre des décisions",
        "minutes.register_pending": "pas encore décidée",
        "minutes.register_line": "{outcome} le {date}",
        "minutes.format": "Format",
        "minutes.footer": "Compte-rendu produit par Fabrique le {date}.",
        "minutes.place": "Lieu",
        "minutes.times": "Horaires",
        "minutes.times_range": "de {start} à {end}",
        "minutes.scribe": "Secrétaire de séance",
        "minutes.picture": "Figure : {title} (dans les versions HTML, PDF et ODT du compte-rendu)",
        "error.archive_too_large": "Ce fichier est trop gros pour une archive de séance ({max} Mo au plus).",
        "error.invalid_archive": "Ce fichier n'est pas une archive de séance Fabrique lisible ({detail}). Rien n'a été créé.",
        "error.archive_version": "Cette archive vient d'une version de Fabrique que ce serveur ne sait pas lire ({detail}). Rien n'a été créé.",
        "error.pdf_unavailable": "Ce serveur ne sait pas produire de PDF (la bibliothèque Pango manque : voir le README). Les versions imprimable, ODT et Markdown du compte-rendu restent disponibles.",
        "minutes.summary": "Synthèse",
        "minutes.conflict_start": "⚠ Conflit à résoudre — la version corrigée dit :",
        "minutes.conflict_middle": "⚠ … et depuis, la séance a donné :",
        "minutes.conflict_end": "⚠ Fin du conflit (gardez l'une des deux versions, ou les deux, puis retirez ces trois repères).",
        "minutes.shared_title": "Le compte-rendu",
        "minutes.post_link": "Lire le compte-rendu",
    },
    "en": {
        "error.invalid_payload": "This request is incomplete or malformed ({field}).",
        "error.too_long": "This text is too long ({max} characters at most).",
        "error.unknown_command": "Unknown action.",
        "error.not_allowed": "Your role does not allow this action.",
        "error.wrong_step": "This action is not possible at this step.",
        "error.no_activity": "No activity is running.",
        "error.activity_changed": "The facilitator moved to another activity: nothing was sent.",
        "error.not_found": "This item does not exist (any more).",
        "error.not_yours": "You can only change your own contributions.",
        "error.unknown_format": "This activity format does not exist on this server.",
        "error.no_next_step": "This is already the last step.",
        "error.no_previous_step": "This is already the first step.",
        "error.rate_limited": "Too many sends at once: wait a few seconds.",
        "error.conflict": "Another change came just before: try again.",
        "error.server_error": "The server hit a problem: nothing was saved.",
        "error.storage_full": "The server has no room left to save: nothing was saved. Try again in a moment.",
        "error.storage_busy": "The server's database is busy: nothing was saved. Try again in a moment.",
        "error.revoked": "Your access to this session was withdrawn: nothing was saved.",
        "error.unknown_code": "This code matches no session. Check it.",
        "error.unauthorized": "This page is for the session's facilitators.",
        "error.not_shared": "These minutes are not shared, or no longer.",
        "error.nothing_to_publish": "No destination is set: give a Nextcloud folder or a Mattermost channel.",
        "error.forbidden": "This link gives no access to this session.",
        "error.passphrase_required": "This server asks for the organisers' passphrase.",
        "error.input_locked": "Input is closed for now.",
        "error.not_revealed": "This contribution is not revealed yet: it cannot go on the room screen.",
        "error.time_up": "Time is up: input is closed for this step.",
        "error.name_required": "This activity is named: give your first name first.",
        "error.nothing_to_undo": "There is nothing to undo.",
        "error.not_optional": "The next step is not optional: it cannot be skipped.",
        "error.no_timer": "No timer is running for this step.",
        "error.timer_paused": "The timer is already paused.",
        "error.timer_running": "The timer is already running.",
        "error.activity_is_current": "This is the current activity: open another one before removing it.",
        "error.unknown_role": "This role does not exist in this activity.",
        "error.joining_locked": "The session takes no new people now. Ask the facilitator.",
        "error.unknown_template": "This template does not exist (any more) on this server.",
        "error.empty_agenda": "The agenda is empty: add an activity before saving it as a template.",
        "participant.proxy": "Person in the room {number}",
        "participant.anonymous": "Participant {number}",
        "participant.forgotten": "a participant",
        "error.session_deleted": "This session was deleted.",
        "minutes.title": "Minutes",
        "minutes.date": "Date",
        "minutes.facilitator": "Facilitated by",
        "minutes.participants": "Participants",
        "minutes.removed_one": "(and {count} person removed during the session)",
        "minutes.removed_other": "(and {count} people removed during the session)",
        "minutes.activities": "Activities",
        "minutes.no_activity": "No activity has taken place yet.",
        "minutes.register": "Decision register",
        "minutes.register_pending": "not decided yet",
        "minutes.register_line": "{outcome} on {date}",
        "minutes.format": "Format",
        "minutes.footer": "Minutes produced by Fabrique on {date}.",
        "minutes.place": "Place",
        "minutes.times": "Time",
        "minutes.times_range": "from {start} to {end}",
        "minutes.scribe": "Scribe",
        "minutes.picture": "Figure: {title} (in the HTML, PDF and ODT versions of the minutes)",
        "error.archive_too_large": "This file is too big for a session archive ({max} MB at most).",
        "error.invalid_archive": "This file is not a readable Fabrique session archive ({detail}). Nothing was created.",
        "error.archive_version": "This archive comes from a version of Fabrique this server cannot read ({detail}). Nothing was created.",
        "error.pdf_unavailable": "This server cannot make PDFs (the Pango library is missing: see the README). The printable, ODT and Markdown minutes are still available.",
        "minutes.summary": "Summary",
        "minutes.conflict_start": "⚠ Conflict to resolve — the corrected version says:",
        "minutes.conflict_middle": "⚠ … and since then, the session gave:",
        "minutes.conflict_end": "⚠ End of the conflict (keep either version, or both, then remove these three markers).",
        "minutes.shared_title": "The minutes",
        "minutes.post_link": "Read the minutes",
    },
}
ENGINE = {**ENGINE, "fr": french_spacing(ENGINE["fr"])}


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translate(catalogs: Mapping[str, Mapping[str, str]], key: str, lang: str, **params: Any) -> str:
    """Look a key up in the language, then in French; a missing key shows itself, never crashes."""
    text = catalogs.get(language(lang), {}).get(key) or catalogs[DEFAULT_LANGUAGE].get(key, key)
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def both(catalogs: Mapping[str, Mapping[str, str]], key: str, **params: Any) -> dict[str, str]:
    """The text in every language, for views shared by people who chose different languages."""
    return {lang: translate(catalogs, key, lang, **params) for lang in LANGUAGES}


def error_message(
    code: str,
    lang: str,
    params: Mapping[str, Any],
    fmt_messages: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    key = f"error.{code}"
    if fmt_messages and key in fmt_messages.get(DEFAULT_LANGUAGE, {}):
        return translate(fmt_messages, key, lang, **params)
    return translate(ENGINE, key, lang, **params)
