"""The SMS gateway's webhook on the real server (loopback HTTP, SQLite and PostgreSQL), in its
documented format and through Gammu's RunOnReceive script (deploy/gammu/lapor-sms-receive.sh,
run as gammu-smsd runs it): a first message opens a complaint, later ones add to it, a message
handed over twice is one, and a closed complaint takes no more."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from lapor_desk.server.database import transaction
from lapor_desk.server.db import ChannelMessage, ChannelThread, Complaint, FollowUp, Reporter
from lapor_desk.server.services.complaints import delete_complaint
from tests.server.client import WorldServer

TOKEN = "sms-gateway-token-uji"
SCRIPT = Path(__file__).resolve().parents[3] / "deploy" / "gammu" / "lapor-sms-receive.sh"


@pytest.fixture
def sms_server(serve_world: Callable[..., WorldServer]) -> WorldServer:
    return serve_world(channels_agency="T-kab", channels_province="Sulawesi Tenggara",
                       channels_regency="Konawe", sms_token=TOKEN)


def _post(server: WorldServer, token: str = TOKEN, **fields: str) -> requests.Response:
    return requests.post(server.live.url + "/channels/sms", json=fields, timeout=30,
                         headers={"Authorization": f"Bearer {token}"})


def _sms_complaints(server: WorldServer) -> list[Complaint]:
    with server.live.session() as session:
        return list(session.scalars(select(Complaint).where(Complaint.channel == "sms")
                                    .order_by(Complaint.created_at)))


def test_a_first_sms_opens_a_complaint_and_later_ones_add_to_it(sms_server: WorldServer) -> None:
    first = _post(sms_server, id="881", **{"from": "0812 3456 7890"},
                  text="Air PDAM di Kel. Tuoy mati tiga hari, mohon dibantu.")
    assert first.status_code == 200, first.text
    assert first.json()["outcome"] == "created"
    assert _post(sms_server, id="881", **{"from": "0812 3456 7890"},
                 text="Air PDAM di Kel. Tuoy mati tiga hari, mohon dibantu.").json()["outcome"] \
        == "duplicate"
    later = _post(sms_server, id="882", **{"from": "+6281234567890"}, text="Sampai sekarang.")
    assert later.json() == {"outcome": "responded",
                            "tracking_number": first.json()["tracking_number"]}
    [complaint] = _sms_complaints(sms_server)
    with sms_server.live.session() as session:
        reporter = session.get(Reporter, complaint.reporter_id)
        assert reporter is not None and reporter.phone == "+6281234567890"
        assert [f.body for f in session.scalars(select(FollowUp).where(
            FollowUp.complaint_id == complaint.id))] == ["Sampai sekarang."]

    # Archived: the number's next message is a new complaint.
    admin = sms_server.login("admin_kab")
    assert admin.do("archive", complaint.id, None,
                    reason_code="too_general")["outcome"] == "applied"
    again = _post(sms_server, id="883", **{"from": "081234567890"},
                  text="Saya mau lapor lagi: jalan ke Tuoy rusak parah.")
    assert again.json()["outcome"] == "created"
    assert len(_sms_complaints(sms_server)) == 2


def test_the_gateway_must_give_its_token_and_a_whole_message(
        sms_server: WorldServer, shared_server: WorldServer) -> None:
    assert _post(sms_server, token="tebakan", id="1", **{"from": "0812"},
                 text="x").status_code == 401
    assert _post(sms_server, id="2", **{"from": "bukan nomor"},
                 text="Air mati di desa kami.").status_code == 422
    assert _post(sms_server, id="", **{"from": "081234567890"},
                 text="Air mati di desa kami.").status_code == 422
    assert _post(shared_server, id="3", **{"from": "081234567890"},
                 text="Air mati di desa kami.").status_code == 404  # not configured
    assert _sms_complaints(sms_server) == []


def test_gammus_run_on_receive_script_hands_the_message_over_once(
        sms_server: WorldServer, tmp_path: Path) -> None:
    env_file = tmp_path / "sms.env"
    env_file.write_text(f"LAPOR_SMS_URL={sms_server.live.url}/channels/sms\n"
                        f"LAPOR_SMS_TOKEN={TOKEN}\n")
    # A long message in two parts, as gammu-smsd gives it.
    text = ("Lapor, bantuan sosial di Desa Wawotobi belum dibagikan sejak bulan lalu "
            "padahal sudah diumumkan kepala desa.")
    environ = {"PATH": os.environ["PATH"], "LAPOR_SMS_ENV": str(env_file),
               "SMS_MESSAGES": "2", "DECODED_PARTS": "1", "DECODED_1_TEXT": text,
               "SMS_1_NUMBER": "+6285298765432", "SMS_1_TEXT": text[:70],
               "SMS_2_NUMBER": "+6285298765432", "SMS_2_TEXT": text[70:]}
    for _ in range(2):  # gammu-smsd runs it again when the first run took too long
        done = subprocess.run(["sh", str(SCRIPT), "1207"], env=environ, capture_output=True,
                              text=True, timeout=90, check=False)
        assert done.returncode == 0, done.stderr
    [complaint] = _sms_complaints(sms_server)
    assert complaint.body == text


def test_a_purged_complaint_leaves_no_number_behind(sms_server: WorldServer) -> None:
    first = _post(sms_server, id="901", **{"from": "081399998888"},
                  text="Ada pungutan liar di terminal Unaaha setiap pagi.")
    [complaint] = _sms_complaints(sms_server)
    with transaction(sms_server.live.engine) as session:
        delete_complaint(session, complaint.id)
    with sms_server.live.session() as session:
        assert session.scalars(select(ChannelThread.sender)).all() == []
        assert session.scalars(select(ChannelMessage.complaint_id)).all() == [None]
    # The gateway hands the same message over again: still nothing.
    assert _post(sms_server, id="901", **{"from": "081399998888"},
                 text="Ada pungutan liar di terminal Unaaha setiap pagi.").json()["outcome"] \
        == "duplicate"
    assert _sms_complaints(sms_server) == []
    assert first.json()["outcome"] == "created"
