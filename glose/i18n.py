"""The language of what the tool says: English (the messages as written in the code) or French.

Messages are written in English and marked for translation, `_("... {name} ...").format(name=...)`
(named fields, so that a translation may put them in another order); `N_` marks a constant that
is translated where it is used. The French catalog is `glose/locale/fr/LC_MESSAGES/glose.po`,
kept with Babel (`pybabel extract/update`, see the README), and compiled beside it to
`glose.mo`, which is committed: at run time only the standard library's gettext reads it, so
the tool speaks French even to a Python that lacks the other dependencies (build.py says so
then), and `pip install -e .` needs no compile step. tests/test_i18n.py checks that the .mo is
the .po compiled and that every message of the code has a French translation.

The language: `--lang fr|en`, else the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is
set (gettext's order; LANGUAGE may list several, `fr:en`), the first language of it Glose
speaks; English otherwise (C and POSIX locales, and languages Glose does not speak, included).
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "glose"
LOCALES = Path(__file__).resolve().parent / "locale"
"""The catalogs: locale/<language>/LC_MESSAGES/glose.po and .mo."""
LANGUAGES = ("fr", "en")
"""What Glose speaks; English is the language of the code and needs no catalog."""
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The variables that say the user's language, in the order gettext reads them."""

_current: list = [_gettext.NullTranslations(), "en"]


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for ("fr" or "en"), in gettext's order."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        if not value:
            continue
        for wanted in value.split(":"):
            code = wanted.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
        return "en"  # as gettext: the first variable set decides; another language gets English
    return "en"


def use(language: str | None = None) -> str:
    """Speak `language` ("fr" or "en"; None: the environment's) from now on; return it."""
    language = language or from_environment()
    if language == "en":
        translations: _gettext.NullTranslations = _gettext.NullTranslations()
    else:
        translations = _gettext.translation(DOMAIN, LOCALES, languages=[language])
    _current[:] = [translations, language]
    return language


def language() -> str:
    """The language spoken now: "fr" or "en"."""
    return _current[1]


def _(message: str) -> str:
    """`message` in the language spoken now."""
    return _current[0].gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message, as the language spoken now counts `count`."""
    return _current[0].ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a constant for translation; `_` translates it where it is used."""
    return message


use()
