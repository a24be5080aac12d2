"""Cognito signing key: moto signs every user pool's tokens with the same RSA key (its resource
``cognitoidp/resources/jwks-private.json``) but imports that key again for each pool
(``CognitoIdpUserPool.__init__``): ~0.2 s of CPU recovering the key's prime factors, for each LocalEnvironment
(each test) that provisions the template's user pool. The key is the same every time and only read (to sign), so
this imports it once per process and gives every pool that one key object."""

from __future__ import annotations

import json
import threading
from typing import Any

from joserfc import jwk
from moto.cognitoidp import models

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


class _KeyOnce:
    """Stands for ``joserfc.jwk.RSAKey`` in moto's module: ``import_key`` remembers the keys it imported."""

    def __init__(self) -> None:
        self._keys: dict[str, jwk.RSAKey] = {}
        self._lock = threading.Lock()

    def import_key(self, value: Any, *args: Any, **kwargs: Any) -> jwk.RSAKey:
        if args or kwargs or not isinstance(value, dict):
            return jwk.RSAKey.import_key(value, *args, **kwargs)
        text = json.dumps(value, sort_keys=True)
        with self._lock:
            if text not in self._keys:
                self._keys[text] = jwk.RSAKey.import_key(value)
            return self._keys[text]


class _JwkModule:
    """``joserfc.jwk`` as moto's cognitoidp module sees it: the same, but for RSAKey's imports."""

    def __init__(self) -> None:
        self.RSAKey = _KeyOnce()

    def __getattr__(self, name: str) -> Any:
        return getattr(jwk, name)


_PROCESS_WIDE = _JwkModule()


def install() -> Undo:
    return replace_attribute(models, "jwk", _PROCESS_WIDE)
