"""Pickling moto's backends: the few objects they hold that pickle refuses get a way to be rebuilt.

- locks (an SQS queue holds an ``RLock``): a fresh, unlocked one (snapshots are taken with writers held off);
- Cognito's RSA private key (the one moto ships and signs every token with): its PEM bytes, so that tokens
  issued before a restart still verify after it;
- ``WeakValueDictionary`` (the Lambda backend's): its live items;
- a ``defaultdict`` whose factory is a lambda (``defaultdict(lambda: {})``): the same with ``dict``;
- DynamoDB items' ``LimitedSizeDict``: its items, put back without the size check its ``__setitem__`` runs on
  every key (which sums the whole item each time: most of a restart's unpickling went there). Each item passed
  the check when it was written, and moto's own ``Item.__deepcopy__`` skips it the same way.

Objects that must not be pickled at all (executions, whose worker threads cannot be) are handed to a
``persistent_id`` hook and come back through ``persistent_load``.
"""

from __future__ import annotations

import _thread
import io
import pickle
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from moto.dynamodb.models.dynamo_type import LimitedSizeDict


def _new_lock() -> Any:
    return threading.Lock()


def _new_rlock() -> Any:
    return threading.RLock()


def _load_rsa_key(pem: bytes) -> Any:
    return serialization.load_pem_private_key(pem, password=None)


def _weak_values(items: dict[Any, Any]) -> weakref.WeakValueDictionary[Any, Any]:
    return weakref.WeakValueDictionary(items)


def _default_dict(factory: type, items: dict[Any, Any]) -> defaultdict[Any, Any]:
    return defaultdict(factory, items)


def _limited_size_dict(items: dict[str, Any]) -> LimitedSizeDict:
    restored = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.update(restored, items)
    return restored


_RLOCK_TYPE = type(threading.RLock())


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, persistent: Callable[[Any], Any] | None) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._persistent = persistent

    def persistent_id(self, obj: Any) -> Any:
        return self._persistent(obj) if self._persistent is not None else None

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _thread.LockType):
            return _new_lock, ()
        if isinstance(obj, _RLOCK_TYPE):
            return _new_rlock, ()
        if isinstance(obj, rsa.RSAPrivateKey):
            pem = obj.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            return _load_rsa_key, (pem,)
        if type(obj) is LimitedSizeDict:
            return _limited_size_dict, (dict(obj),)
        if isinstance(obj, weakref.WeakValueDictionary):
            return _weak_values, (dict(obj.items()),)
        if isinstance(obj, defaultdict) and getattr(obj.default_factory, "__name__", "") == "<lambda>":
            factory = type(obj.default_factory())  # type: ignore[misc]
            if factory in (dict, list, set):
                return _default_dict, (factory, dict(obj))
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, persistent_load: Callable[[Any], Any] | None) -> None:
        super().__init__(file)
        self._load = persistent_load

    def persistent_load(self, pid: Any) -> Any:
        if self._load is None:
            raise pickle.UnpicklingError(f"no loader for persistent object {pid!r}")
        return self._load(pid)


def dumps(obj: Any, persistent: Callable[[Any], Any] | None = None) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, persistent).dump(obj)
    return buffer.getvalue()


def loads(data: bytes, persistent_load: Callable[[Any], Any] | None = None) -> Any:
    return _Unpickler(io.BytesIO(data), persistent_load).load()
