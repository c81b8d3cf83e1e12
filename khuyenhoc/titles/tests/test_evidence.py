"""Evidence per criterion: attached before verification, checked by content, served only in scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from khuyenhoc.accounts.models import User
from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.middleware import scope_for_user
from khuyenhoc.testing import factories as f
from khuyenhoc.titles.models import Evidence
from khuyenhoc.titles.services.assessments import assessment_submit, assessment_verify
from khuyenhoc.titles.services.evidence import evidence_attach
from khuyenhoc.titles.services.registrations import registration_create
from khuyenhoc.titles.tests.test_cycle import RESIDENTS, _campaign, _scores

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reg(world):
    clerk = scope_for_user(world.clerk_a)
    return registration_create(
        actor=world.clerk_a, scope=clerk, campaign=_campaign(world),
        subject=f.person(world.commune_a), subject_group=RESIDENTS,
    )  # fmt: skip


def test_a_clerk_attaches_a_file_that_the_level_above_opens_and_a_sibling_cannot(
    client, world, reg
):
    client.force_login(world.clerk_a)
    upload = SimpleUploadedFile("Chứng chỉ tin học.pdf", PDF, content_type="application/pdf")

    sent = client.post(
        reverse("titles:registration-evidence", args=[reg.pk]),
        {"criterion_code": "2.1", "file": upload, "note": "Chứng chỉ ứng dụng CNTT cơ bản"},
        follow=True,
    )
    evidence = Evidence.objects.get()
    client.force_login(world.province_admin)
    opened = client.get(reverse("titles:evidence-file", args=[evidence.pk]))
    client.force_login(world.clerk_b)
    sibling = client.get(reverse("titles:evidence-file", args=[evidence.pk]))

    assert sent.redirect_chain == [(reverse("titles:registration-detail", args=[reg.pk]), 302)]
    assert "Đã gửi minh chứng Chứng chỉ tin học.pdf cho tiêu chí 2.1." in sent.content.decode()
    assert "Chứng chỉ ứng dụng CNTT cơ bản" in sent.content.decode()
    assert (evidence.criterion_code, evidence.size, evidence.by) == ("2.1", len(PDF), world.clerk_a)
    assert b"".join(opened.streaming_content) == PDF
    assert opened["Content-Type"] == "application/pdf"
    assert sibling.status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("bao-cao.pdf", b"just text, not a PDF", "1.1", "Chỉ nhận minh chứng là tệp PDF"),
        ("to.pdf", PDF + b"0" * (10 * 1024 * 1024), "1.1", "Tệp lớn quá 10 MB"),
        ("anh.jpg", JPEG, "9.9", "Bộ tiêu chí không có tiêu chí 9.9."),
        # A zip container is an Office file only when named as one: not a web page in disguise.
        (
            "bang-khen.html",
            b"PK\x03\x04<html><script>alert(1)</script>",
            "1.1",
            "Chỉ nhận minh chứng là tệp PDF",
        ),
    ],
)
def test_bad_files_are_refused_with_a_reason_and_nothing_is_stored(
    world, reg, name, content, code, message
):
    upload = SimpleUploadedFile(name, content)

    with pytest.raises(DomainError, match=message):
        evidence_attach(
            actor=world.clerk_a, scope=scope_for_user(world.clerk_a), registration=reg,
            criterion_code=code, upload=upload,
        )  # fmt: skip

    assert not Evidence.objects.exists()


def test_no_evidence_after_verification(world, reg):
    clerk, province = scope_for_user(world.clerk_a), scope_for_user(world.province_admin)
    assessment_submit(actor=world.clerk_a, scope=clerk, registration=reg, scores=_scores(9))
    assessment_verify(actor=world.province_admin, scope=province, registration=reg, scores=_scores(9),
                      verdict="accepted")  # fmt: skip

    with pytest.raises(DomainError, match="Chỉ gửi minh chứng trước khi thẩm định"):
        evidence_attach(
            actor=world.clerk_a, scope=clerk, registration=reg, criterion_code="1.1",
            upload=SimpleUploadedFile("a.jpg", JPEG),
        )  # fmt: skip


def test_a_citizen_attaches_a_photo_to_their_own_registration_only(client, world, reg):
    owner = User.objects.create_user(username="chu", password="x", person=reg.person)
    stranger = User.objects.create_user(
        username="la", password="x", person=f.person(world.commune_a)
    )
    client.force_login(owner)

    sent = client.post(
        reverse("titles:me-evidence", args=[reg.pk]),
        {"criterion_code": "1.1", "file": SimpleUploadedFile("the-thu-vien.jpg", JPEG)},
    )
    evidence = Evidence.objects.get()
    mine = client.get(reverse("titles:me-evidence-file", args=[evidence.pk]))
    client.force_login(stranger)

    assert sent.status_code == 302
    assert sent.url == reverse("titles:me-registration", args=[reg.pk])
    assert b"".join(mine.streaming_content) == JPEG
    assert client.get(reverse("titles:me-evidence-file", args=[evidence.pk])).status_code == 404
    assert (
        client.post(
            reverse("titles:me-evidence", args=[reg.pk]),
            {"criterion_code": "1.1", "file": SimpleUploadedFile("x.jpg", JPEG)},
        ).status_code
        == 404
    )
    assert Evidence.objects.count() == 1
