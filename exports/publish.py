"""Sending the minutes where associations work: each document to a WebDAV folder (Nextcloud,
with an app password), then a short post with the link to a Mattermost channel (an incoming
webhook). Where and how often to try is exports/publisher.py's business."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from urllib.parse import quote, urlsplit

import httpx

from exports.documents import Rendered, Wanted, rendered
from exports.minutes import session_date
from facilitation.messages import ENGINE, translate

TIMEOUT = 20.0
SUMMARY_CHARS = 1000


@dataclass(frozen=True)
class Targets:
    """Where to publish. A session's own values win over the server's, field by field."""

    webdav_url: str = ""
    webdav_user: str = ""
    webdav_password: str = ""
    webhook_url: str = ""

    @classmethod
    def of(cls, values: Mapping[str, object]) -> Targets:
        return cls(**{k: str(values.get(k) or "") for k in TARGET_KEYS})

    def over(self, server: Targets) -> Targets:
        return Targets(**{k: getattr(self, k) or getattr(server, k) for k in TARGET_KEYS})

    def used(self) -> tuple[str, ...]:
        """The targets set: "webdav", "mattermost", in the order they are published."""
        return tuple(
            name
            for name, url in (("webdav", self.webdav_url), ("mattermost", self.webhook_url))
            if url
        )


TARGET_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Targets))


@dataclass(frozen=True)
class Minutes:
    """The minutes to publish, rendered when publishing was asked for."""

    title: str
    lang: str
    date: str
    summary: str
    activities: tuple[str, ...]
    # Every document of the minutes (exports/documents.py), with its file's name.
    documents: tuple[Rendered, ...]
    # The participants' read-only link, when the minutes are shared.
    link: str = ""


def minutes_for(wanted: Wanted, link: str = "") -> Minutes:
    """Renders every document (the PDF takes a moment: call it out of the event loop)."""
    state, lang = wanted.state, wanted.lang
    titles = tuple(
        a.title or translate(wanted.registry[a.format].messages, "title", lang)
        for a in state.activities
    )
    return Minutes(
        state.title,
        lang,
        session_date(state, lang, wanted.tz),
        state.summary,
        titles,
        rendered(wanted),
        link,
    )


class Failure(Exception):
    """Why a target refused or could not be reached: a code the console translates."""

    def __init__(self, code: str, status: int | None = None) -> None:
        super().__init__(code if status is None else f"{code} {status}")
        self.code = code
        self.status = status


def _checked(response: httpx.Response, *ok: int) -> httpx.Response:
    if response.status_code in ok or (not ok and response.is_success):
        return response
    code = "refused" if response.status_code in (401, 403) else "http_status"
    raise Failure(code, response.status_code)


async def _request(
    client: httpx.AsyncClient, method: str, url: str, **kw: object
) -> httpx.Response:
    try:
        return await client.request(method, url, **kw)  # type: ignore[arg-type]
    except httpx.TimeoutException as exc:
        raise Failure("timeout") from exc
    except httpx.HTTPError as exc:
        raise Failure("unreachable") from exc


def _folder(url: str) -> str:
    return url if url.endswith("/") else url + "/"


async def _make_folder(client: httpx.AsyncClient, url: str, auth: httpx.BasicAuth) -> None:
    """MKCOL the folder, and its missing parents (409) up to the server's root."""
    response = await _request(client, "MKCOL", url, auth=auth)
    if response.status_code == 409:
        path = urlsplit(url).path.rstrip("/")
        parent = url[: url.rstrip("/").rfind("/") + 1]
        if path.count("/") <= 1 or parent == url:
            raise Failure("http_status", 409)
        await _make_folder(client, parent, auth)
        response = await _request(client, "MKCOL", url, auth=auth)
    # 405: the folder is there already (made by someone else meanwhile).
    _checked(response, 201, 405)


async def put_documents(client: httpx.AsyncClient, targets: Targets, minutes: Minutes) -> str:
    """Every document into the folder; returns the address of the HTML one."""
    folder = _folder(targets.webdav_url)
    auth = httpx.BasicAuth(targets.webdav_user, targets.webdav_password)
    shown = ""
    for document in minutes.documents:
        url = folder + quote(document.name)
        body = document.body
        headers = {"Content-Type": document.media_type}
        response = await _request(client, "PUT", url, content=body, headers=headers, auth=auth)
        if response.status_code in (404, 409):
            # The folder is missing: make it, then put the document again.
            await _make_folder(client, folder, auth)
            response = await _request(client, "PUT", url, content=body, headers=headers, auth=auth)
        _checked(response)
        if document.name.endswith(".html") or not shown:
            shown = url
    return shown


def post_text(minutes: Minutes, link: str) -> str:
    """The Mattermost post: the title, the date, the summary (or the activities), the link. It
    names no participant: the summary is the team's, the titles are the agenda's."""

    def t(key: str, **params: str) -> str:
        return translate(ENGINE, key, minutes.lang, **params)

    lines = [f"**{t('minutes.title')} — {minutes.title}** ({minutes.date})", ""]
    if minutes.summary:
        summary = minutes.summary
        if len(summary) > SUMMARY_CHARS:
            summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
        lines += [summary, ""]
    elif minutes.activities:
        lines += [", ".join(minutes.activities), ""]
    if link:
        lines.append(f"[{t('minutes.post_link')}]({link})")
    return "\n".join(lines).strip()


async def post_summary(client: httpx.AsyncClient, webhook_url: str, text: str) -> None:
    _checked(await _request(client, "POST", webhook_url, json={"text": text}))


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)
