"""The routing model at rest: sealed, and read back without pickle."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from lapor_desk.models.cache.at_rest import derive_key, seal_bytes
from lapor_desk.models.routing import storage
from lapor_desk.models.routing.model import train
from lapor_desk.models.routing.suggest import suggest
from tests.models.routing.support import UNIT_NAMES, history

KEY = derive_key(b"k" * 32, b"test")


def test_the_model_at_rest_is_sealed_and_reads_back_the_same(tmp_path: Path) -> None:
    items = history()
    model = train(items)
    path = tmp_path / storage.MODEL_FILE
    storage.save(path, model, KEY)
    raw = path.read_bytes()
    assert raw.startswith(b"LDSEAL")
    for plain in (b"PK\x03\x04", b"numpy", b"KEPENDUDUKAN", b"Kota Kendari",
                  items[0].complaint_id.encode()):
        assert plain not in raw
    loaded = storage.load(path, KEY)
    assert loaded is not None
    ask = {"title": "lampu jalan mati", "body": "gelap malam", "regency": "Kota Kendari",
           "category": None, "allowed": UNIT_NAMES}
    assert suggest(loaded, **ask) == suggest(model, **ask)  # type: ignore[arg-type]


def test_another_key_or_a_changed_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / storage.MODEL_FILE
    storage.save(path, train(history()), KEY)
    with pytest.raises(storage.ModelFileError):
        storage.load(path, derive_key(b"x" * 32, b"test"))
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(storage.ModelFileError):
        storage.load(path, KEY)


def test_a_file_that_would_need_pickle_is_refused(tmp_path: Path) -> None:
    """An array of Python objects loads only through pickle, which could run any code: the
    model's reader refuses it instead."""
    good = io.BytesIO(storage.to_bytes(train(history())))
    with np.load(good, allow_pickle=False) as arrays:
        parts = {name: arrays[name] for name in arrays.files}
    parts["case_units"] = np.asarray([object()] * 3, dtype=object)
    evil = io.BytesIO()
    np.savez(evil, allow_pickle=True, **parts)
    path = tmp_path / storage.MODEL_FILE
    path.write_bytes(seal_bytes(KEY, evil.getvalue()))
    with pytest.raises(storage.ModelFileError):
        storage.load(path, KEY)
