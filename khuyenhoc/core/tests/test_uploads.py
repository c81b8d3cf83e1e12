"""Uploaded files go back out with the type their bytes gave, never one guessed from the user's name:
PDFs and images inline, Office files and anything unknown as a download."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from khuyenhoc.core.errors import DomainError
from khuyenhoc.core.uploads import check_upload, serve, stored_name, upload_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


def _stored(storage, name: str, content: bytes):
    return storage.open(storage.save(name, ContentFile(content)), "rb")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "inline"),
    [
        ("bien-ban.pdf", b"%PDF-1.4 ...", "application/pdf", True),
        ("anh.png", b"\x89PNG\r\n\x1a\n....", "image/png", True),
        ("ke-hoach.docx", b"PK\x03\x04 word", DOCX, False),
    ],
)
def test_a_file_is_served_as_what_its_bytes_are(storage, name, content, content_type, inline):
    upload = SimpleUploadedFile(name, content)

    checked = check_upload(upload, upload_name(upload))
    response = serve(_stored(storage, stored_name(upload), content), name)

    assert checked == content_type
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")


def test_a_zip_named_as_a_web_page_is_refused_and_never_served_as_one(storage):
    page = b"PK\x03\x04<html><script>alert(1)</script></html>"
    with pytest.raises(DomainError):
        check_upload(SimpleUploadedFile("bang-khen.html", page), "bang-khen.html")

    # One stored before the check knew better, with the old recorded type: a download, not a page.
    response = serve(_stored(storage, "x.html", page), "bang-khen.html", "application/zip")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_stored_names_are_ours_and_keep_only_the_extension():
    upload = SimpleUploadedFile("../../etc/Kế hoạch.DOCX", b"PK\x03\x04")

    assert upload_name(upload) == "Kế hoạch.DOCX"
    assert stored_name(upload, prefix="7-").startswith("7-")
    assert stored_name(upload).endswith(".docx")
    assert "/" not in stored_name(upload)
