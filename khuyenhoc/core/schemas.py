"""API shapes shared by every app."""

from ninja import Field, Schema

from khuyenhoc.core.pagination import PAGE_SIZE

MAX_PAGE_SIZE = 200


class PageParams(Schema):
    """Keyset pagination parameters shared by every API list."""

    cursor: str | None = Field(None, description="next_cursor hoặc prev_cursor của trang trước.")
    limit: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Số dòng mỗi trang.")
