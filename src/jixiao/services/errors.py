"""Exceptions services raise for HTTP-style flow control; views map them to responses."""

from __future__ import annotations


class ServiceError(Exception):
    """Base class. `status` is the HTTP status the web layer answers with."""

    status = 400

    def __init__(self, message: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NotFound(ServiceError):
    """The object does not exist *or the caller may not see it* (no existence leak)."""

    status = 404

    def __init__(self, message: str = "未找到") -> None:
        super().__init__(message)


class Forbidden(ServiceError):
    """The caller may see the object but not do this."""

    status = 403


class Conflict(ServiceError):
    """The action does not fit the object's state (e.g. editing a submitted evaluation)."""

    status = 409


class Invalid(ServiceError):
    """The input is wrong; `errors` lists ``{"field", "message"}`` items in Chinese."""

    status = 422


class AuthFailed(ServiceError):
    """Login refused (wrong credentials, locked, inactive). Always one vague message."""

    status = 401


class Gone(ServiceError):
    """The object existed and is kept on record but is no longer served (a withdrawn
    publication's documents)."""

    status = 410
class StaleVersion(Conflict):
    """The caller's copy of a project is older than the stored one (CONTRACTS.md §7):
    someone else changed it meanwhile; nothing was written."""

    def __init__(self, current: int, seen: int) -> None:
        super().__init__(
            "该项目已被他人修改，您看到的是旧版本，本次修改未保存。请重新加载页面，核对后再操作。",
            [{"field": "version",
              "message": f"页面版本 {seen}，当前版本 {current}：请重新加载后再修改"}])
        self.current = current
        self.seen = seen
