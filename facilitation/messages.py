"""The engine's words, in French (default) and English. Formats bring their own catalogs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

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
        "error.unknown_code": "Ce code ne correspond à aucune séance. Vérifiez-le.",
        "error.unauthorized": "Cette page est réservée à l'animation de la séance.",
        "error.forbidden": "Ce lien ne donne pas accès à cette séance.",
        "error.passphrase_required": "Ce serveur demande la phrase secrète des organisateur·rices.",
        "participant.anonymous": "Participant·e {number}",
        "minutes.title": "Compte-rendu",
        "minutes.date": "Date",
        "minutes.facilitator": "Animé par",
        "minutes.participants": "Participant·es",
        "minutes.activities": "Activités",
        "minutes.no_activity": "Aucune activité n'a encore eu lieu.",
        "minutes.format": "Format",
        "minutes.footer": "Compte-rendu produit par Fabrique le {date}.",
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
        "error.unknown_code": "This code matches no session. Check it.",
        "error.unauthorized": "This page is for the session's facilitators.",
        "error.forbidden": "This link gives no access to this session.",
        "error.passphrase_required": "This server asks for the organisers' passphrase.",
        "participant.anonymous": "Participant {number}",
        "minutes.title": "Minutes",
        "minutes.date": "Date",
        "minutes.facilitator": "Facilitated by",
        "minutes.participants": "Participants",
        "minutes.activities": "Activities",
        "minutes.no_activity": "No activity has taken place yet.",
        "minutes.format": "Format",
        "minutes.footer": "Minutes produced by Fabrique on {date}.",
    },
}


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
