"""Attachments between here and the simulated SP4N-LAPOR! (the bridge shape; server/sp4n/
files.py): a complaint's and a reply's files go with them, checked as the public page checks
a citizen's; a national report's and reply's files are kept in the blob store, checked and
bounded, a failed download tried again at the next round and nothing kept twice."""

from __future__ import annotations

import base64
from datetime import timedelta

from sqlalchemy import select

from lapor_desk.models.calendar import utcnow
from lapor_desk.models.complaint_state import AttachmentRef
from lapor_desk.server.database import transaction
from lapor_desk.server.db import Attachment, Complaint, FollowUp, next_seqs
from lapor_desk.server.services import complaints as complaint_services
from lapor_desk.server.services.records import add_attachments
from lapor_desk.server.sp4n.bridge import BridgeConnector
from lapor_desk.server.sp4n.round import fetch_new, run_round
from tests.server.builder import NOW, complaint_payload, new_id
from tests.server.client import Api, WorldServer
from tests.support.sp4n_standin import national_standin

SINCE = NOW + timedelta(days=1)
TOKEN = "tok-konawe-0001"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64 + b"foto jalan"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64 + b"foto ambulans"
PDF = b"%PDF-1.4\n" + b"surat keterangan " * 8
PROGRAM = b"MZ\x90\x00" + b"\x00" * 64


def _ref(api: Api, data: bytes, mime: str, name: str) -> dict[str, object]:
    return {"id": new_id(), "sha256": api.upload(data), "size": len(data), "mime_type": mime,
            "filename": name}


def _sent(lampiran: list[dict[str, str]]) -> list[tuple[str, str, bytes]]:
    return [(f["nama"], f["jenis"], base64.b64decode(f["isi"])) for f in lampiran]


def test_a_complaints_and_a_replys_files_go_with_them_once(server: WorldServer) -> None:
    kab, blobs = server.unit("kab"), server.live.settings.resolved_blob_dir()
    admin, officer = server.login("admin_kab"), server.login("lo_kab_health")
    with transaction(server.live.engine) as session:
        cid = complaint_services.submit_complaint(
            session, complaint_payload("Jalan berlubang di depan sekolah", received_at=(
                SINCE + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")),
            kab, now=SINCE + timedelta(hours=1)).id
    own = [_ref(admin, PNG, "image/png", "jalan.png"),
           _ref(admin, PROGRAM, "application/x-msdownload", "foto.exe")]
    with transaction(server.live.engine) as session:
        add_attachments(session, cid, None, [AttachmentRef(
            str(r["id"]), str(r["sha256"]), int(str(r["size"])), str(r["mime_type"]),
            str(r["filename"])) for r in own], SINCE, range(next_seqs(session, 2), 1 << 62))
    assert admin.do("forward", cid, None, to_id=server.unit("kab_health"), note="mohon",
                    disposition_id=new_id())["outcome"] == "applied"
    reply_id = new_id()
    assert officer.do("follow_up", cid, None, follow_up_id=reply_id, body="Surat terlampir.",
                      attachments=[_ref(officer, PDF, "application/pdf", "surat.pdf"),
                                   _ref(officer, b"bukan pdf", "application/pdf", "palsu.pdf")]
                      )["outcome"] == "applied"
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        bridge = BridgeConnector(national.bridge_url, TOKEN)
        later = utcnow() + timedelta(minutes=1)
        done = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab, now=later,
                         blob_root=blobs)
        assert [c for c, _ in done.reports.sent] == [cid]
        # the photo goes; a program never, whatever it is called
        assert _sent(national.recorded[0]["lampiran"]) == [("jalan.png", "image/png", PNG)]
        # the reply's PDF goes with it; a file that is not what its type says stays
        (reply,) = national.replies_received
        assert reply["referensi"] == reply_id
        assert _sent(reply["lampiran"]) == [("surat.pdf", "application/pdf", PDF)]
        for minutes in (10, 20):
            again = run_round(server.live.engine, bridge, since=SINCE, agency_id=kab,
                              now=later + timedelta(minutes=minutes), blob_root=blobs)
            assert again.reports.sent == [] and again.pushes.sent == []
        assert len(national.recorded) == 1 and len(national.replies_received) == 1


def test_national_files_are_kept_once_checked_and_a_failed_download_tried_again(
        server: WorldServer) -> None:
    kab, blobs = server.unit("kab"), server.live.settings.resolved_blob_dir()
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        files = [national.national_file("ambulans.jpg", "image/jpeg", JPEG),
                 national.national_file("jalan.png", "image/png", PNG),
                 national.national_file("surat.pdf", "application/pdf", PDF,
                                        answered_as="text/html"),
                 national.national_file("setup.exe", "application/x-msdownload", PROGRAM),
                 national.national_file("besar.pdf", "application/pdf",
                                        b"%PDF-" + b"x" * (3 * 1024 * 1024))]
        number = national.national_report("Ambulans desa rusak", "Kronologi: ambulans desa "
                                          "rusak sejak bulan lalu.", SINCE + timedelta(hours=1),
                                          lampiran=files)
        bridge = BridgeConnector(national.bridge_url, TOKEN)

        def fetch(hours: int) -> tuple[int, int]:
            done = fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                             now=SINCE + timedelta(hours=hours), blob_root=blobs)
            return done.files_taken, done.files_failed

        def kept() -> list[tuple[str | None, str, str, bytes]]:
            with server.live.session() as session:
                rows = session.scalars(select(Attachment).join(
                    Complaint, Complaint.id == Attachment.complaint_id).where(
                    Complaint.national_tracking_number == number)
                    .order_by(Attachment.filename)).all()
                return [(r.follow_up_id, r.filename, r.mime_type,
                         (blobs / r.sha256[:2] / r.sha256).read_bytes()) for r in rows]

        national.fail_files = [503]  # the first download fails: the national side is down
        assert fetch(2) == (1, 1)
        assert [name for _, name, _, _ in kept()] == ["jalan.png"]
        # the next round fetches the report again (its mark stayed) and takes what is missing
        assert fetch(3) == (1, 0)
        assert kept() == [(None, "ambulans.jpg", "image/jpeg", JPEG),
                          (None, "jalan.png", "image/png", PNG)]
        gets = len(national.file_gets)
        assert fetch(4) == (0, 0) and len(national.file_gets) == gets  # nothing again

        # a national reply with a photo, once the complaint is forwarded here
        with server.live.session() as session:
            cid = session.scalar(select(Complaint.id).where(
                Complaint.national_tracking_number == number))
        admin = server.login("admin_kab")
        assert admin.do("forward", cid, None, to_id=server.unit("kab_health"), note="mohon",
                        disposition_id=new_id())["outcome"] == "applied"
        national.national_reply(number, "Ambulans sudah diperbaiki, foto terlampir.",
                                SINCE + timedelta(hours=5), lampiran=[
                                    national.national_file("selesai.png", "image/png", PNG)])
        assert fetch(6) == (1, 0)
        assert fetch(7) == (0, 0)
        with server.live.session() as session:
            reply = session.scalar(select(FollowUp.id).where(
                FollowUp.complaint_id == cid, FollowUp.kind == "reply"))
        assert [(f, n) for f, n, _, _ in kept()] == [
            (None, "ambulans.jpg"), (None, "jalan.png"), (reply, "selesai.png")]


def test_a_national_file_elsewhere_is_asked_only_from_a_host_the_configuration_names(
        server: WorldServer) -> None:
    kab, blobs = server.unit("kab"), server.live.settings.resolved_blob_dir()
    with national_standin({TOKEN: "Kabupaten Konawe"}) as national:
        there = national.national_file("jalan.png", "image/png", PNG)
        # the same file named by another host name of this machine, and a redirect
        elsewhere = dict(there, nama="dalam.png",
                         tautan=there["tautan"].replace("127.0.0.1", "localhost"))
        moved = national.national_file("pindah.png", "image/png", PNG,
                                       redirect_to=there["tautan"])
        number = national.national_report("Jalan rusak", "Jalan desa berlubang.",
                                           SINCE + timedelta(hours=1),
                                           lampiran=[elsewhere, moved])

        def fetch(bridge: BridgeConnector, hours: int) -> tuple[int, int]:
            done = fetch_new(server.live.engine, bridge, agency_id=kab, since=SINCE,
                             now=SINCE + timedelta(hours=hours), blob_root=blobs)
            return done.files_taken, done.files_failed

        asked = len(national.file_asks)
        assert fetch(BridgeConnector(national.bridge_url, TOKEN), 2) == (0, 0)
        # refused without a request: neither the unnamed host nor the redirect's target
        assert national.file_asks[asked:] == ["2"]
        with server.live.session() as session:
            assert session.scalars(select(Attachment.filename).join(
                Complaint, Complaint.id == Attachment.complaint_id).where(
                Complaint.national_tracking_number == number)).all() == []
    assert "localhost" not in BridgeConnector("http://127.0.0.1:1/bridge", TOKEN).file_hosts
    assert "localhost" in BridgeConnector("http://127.0.0.1:1/bridge", TOKEN,
                                          file_hosts=["LocalHost"]).file_hosts
