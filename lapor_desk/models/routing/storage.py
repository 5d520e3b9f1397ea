"""The trained routing model at rest: numeric arrays in one NumPy ``.npz`` (written and read with
``allow_pickle=False``: an object array is refused, so loading never runs code from the file),
its texts (complaint ids, unit-independent names) as JSON inside it, the whole file sealed with
the profile's routing key (:mod:`lapor_desk.models.cache.at_rest`; plain only for a plain cache,
like the attachments). Written atomically beside the cache.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from lapor_desk.models.cache import at_rest
from lapor_desk.models.cache.file_writes import atomic_file
from lapor_desk.models.routing.features import Block, Featurizer
from lapor_desk.models.routing.model import Linear, Neighbours, RoutingModel

#: The model's file in the profile folder.
MODEL_FILE = "routing-model.sealed"
FORMAT = 1


class ModelFileError(Exception):
    """The stored model cannot be read (damaged, another key, a newer format): train again."""


def _linear(prefix: str, linear: Linear, out: dict[str, Any]) -> None:
    out[f"{prefix}_labels"] = linear.labels
    coef = sparse.csr_matrix(linear.coef)
    out[f"{prefix}_coef_data"] = coef.data.astype(np.float16)
    out[f"{prefix}_coef_indices"] = coef.indices.astype(np.int32)
    out[f"{prefix}_coef_indptr"] = coef.indptr.astype(np.int64)
    out[f"{prefix}_coef_shape"] = np.asarray(coef.shape, dtype=np.int64)
    out[f"{prefix}_intercept"] = linear.intercept
    out[f"{prefix}_temperature"] = np.asarray([linear.temperature], dtype=np.float64)


def _read_linear(prefix: str, arrays: Any) -> Linear:
    return Linear(np.asarray(arrays[f"{prefix}_labels"], dtype=np.int64),
                  sparse.csr_matrix(
                      (arrays[f"{prefix}_coef_data"].astype(np.float32),
                       arrays[f"{prefix}_coef_indices"], arrays[f"{prefix}_coef_indptr"]),
                      shape=tuple(int(v) for v in arrays[f"{prefix}_coef_shape"])),
                  np.asarray(arrays[f"{prefix}_intercept"], dtype=np.float32),
                  float(arrays[f"{prefix}_temperature"][0]))


def to_bytes(model: RoutingModel) -> bytes:
    f, n = model.featurizer, model.neighbours
    meta = {
        "format": FORMAT, "with_category": f.with_category,
        "category_names": list(model.category_names), "trained_on": model.trained_on,
        "history_size": model.history_size, "trained_at": model.trained_at,
        "newest": model.newest, "regency_names": list(n.regency_names),
        "has_categories": model.categories is not None,
    }
    arrays: dict[str, Any] = {
        "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
        "ids": np.frombuffer("\n".join(n.complaint_ids).encode(), dtype=np.uint8),
        "words_columns": f.words.columns, "words_idf": f.words.idf,
        "chars_columns": f.chars.columns, "chars_idf": f.chars.idf,
        "meta_columns": f.meta.columns, "meta_idf": f.meta.idf,
        "postings_data": n.postings.data.astype(np.float16),
        "postings_indices": n.postings.indices, "postings_indptr": n.postings.indptr,
        "postings_shape": np.asarray(n.postings.shape, np.int64),
        "unit_regency": model.unit_regency, "case_units": n.units, "case_misrouted": n.misrouted, "case_regencies": n.regencies,
    }
    _linear("units", model.units, arrays)
    if model.categories is not None:
        _linear("categories", model.categories, arrays)
    out = io.BytesIO()
    np.savez(out, allow_pickle=False, **arrays)
    return out.getvalue()


def from_bytes(data: bytes) -> RoutingModel:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            meta = json.loads(bytes(arrays["meta"]).decode())
            if meta.get("format") != FORMAT:
                raise ModelFileError(f"model format {meta.get('format')!r}")
            text = bytes(arrays["ids"]).decode()
            ids = tuple(text.split("\n")) if text else ()
            featurizer = Featurizer(
                Block(arrays["words_columns"], arrays["words_idf"]),
                Block(arrays["chars_columns"], arrays["chars_idf"]),
                Block(arrays["meta_columns"], arrays["meta_idf"]),
                bool(meta["with_category"]))
            shape = tuple(int(v) for v in arrays["postings_shape"])
            postings = sparse.csr_matrix(
                (arrays["postings_data"].astype(np.float32), arrays["postings_indices"],
                 arrays["postings_indptr"]), shape=shape)
            neighbours = Neighbours(postings, ids, arrays["case_units"], arrays["case_misrouted"],
                                    arrays["case_regencies"], tuple(meta["regency_names"]))
            return RoutingModel(
                featurizer, _read_linear("units", arrays),
                np.asarray(arrays["unit_regency"], dtype=np.float32),
                _read_linear("categories", arrays) if meta["has_categories"] else None,
                tuple(meta["category_names"]), neighbours, int(meta["trained_on"]),
                int(meta["history_size"]), str(meta["trained_at"]), str(meta["newest"]))
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as exc:
        raise ModelFileError(f"the stored routing model cannot be read: {exc}") from exc


def save(path: Path, model: RoutingModel, key: bytes | None) -> int:
    """Write ``model`` to ``path`` (sealed with ``key`` when given), atomically; its size."""
    data = to_bytes(model)
    if key is not None:
        data = at_rest.seal_bytes(key, data)
    with atomic_file(path, prefix=".routing-", scrub_old=key is None) as handle:
        handle.write(data)
    return len(data)


def load(path: Path, key: bytes | None) -> RoutingModel | None:
    """The model at ``path``, None when there is none. Raises :class:`ModelFileError`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if key is not None:
        try:
            data = at_rest.open_bytes(key, data)
        except at_rest.SealedFileError as exc:
            raise ModelFileError(f"the stored routing model cannot be opened: {exc}") from exc
    elif at_rest.is_sealed(data):
        raise ModelFileError("the stored routing model is sealed and no key was given")
    return from_bytes(data)
