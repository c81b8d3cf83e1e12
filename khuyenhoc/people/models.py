"""Persons, households (gia đình), clans (dòng họ) and memberships of persons in organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from khuyenhoc.core.fields import BytewiseCharField, PathField
from khuyenhoc.core.models import TimeStampedModel
from khuyenhoc.core.scope import ScopedQuerySet


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Ethnicity(models.Model):
    """Dân tộc — one of the 54 official ethnic groups (codes of the General Statistics Office)."""

    code = models.CharField(_("mã"), max_length=2, unique=True)
    name = models.CharField(_("tên"), max_length=40)
    name_key = models.CharField(max_length=40, editable=False)

    class Meta:
        verbose_name = _("dân tộc")
        verbose_name_plural = _("dân tộc")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class OwnedByOrg(TimeStampedModel):
    """A record managed by an organisation node; `org_path` copies the node's path for scoped lists."""

    org_node = models.ForeignKey(
        "orgs.OrgNode", verbose_name=_("đơn vị quản lý"), on_delete=models.PROTECT, related_name="+"
    )
    org_path = PathField(editable=False)
    province_code = models.CharField(max_length=2, blank=True, editable=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Person(OwnedByOrg):
    """Người — a citizen, identified by the 12-digit CCCD (số định danh cá nhân) when known."""

    cccd = models.CharField(_("số CCCD"), max_length=12, null=True, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=128)
    name_key = BytewiseCharField(max_length=128, editable=False)
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.ForeignKey(
        Ethnicity, verbose_name=_("dân tộc"), null=True, blank=True, on_delete=models.PROTECT
    )
    religion = models.CharField(_("tôn giáo"), max_length=64, blank=True)
    commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("thôn/tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    workplace = models.CharField(_("nơi làm việc"), max_length=255, blank=True)
    occupation = models.CharField(_("nghề nghiệp"), max_length=128, blank=True)

    # History is read by record id; indexing its foreign keys would only slow every import down.
    history = HistoricalRecords(no_db_index=["org_node", "ethnicity", "commune", "village"])

    class Meta:
        verbose_name = _("người")
        verbose_name_plural = _("người")
        ordering = ["name_key", "id"]
        constraints = [models.UniqueConstraint(fields=["cccd"], name="person_cccd_unique")]
        indexes = [
            # Small scopes: the subtree's range, already in name order.
            models.Index(fields=["org_path", "name_key", "id"], name="person_scope_name"),
            # Large scopes: the name-ordered walk of core.listing (index-only on both databases).
            models.Index(fields=["name_key", "id", "org_path"], name="person_name_scope"),
        ]

    def __str__(self) -> str:
        return self.full_name


class PersonNameKey(models.Model):
    """A word-suffix of a person's folded name: "nguyen van an" is kept as "nguyen van an", "van an" and
    "an", so that a search for any word start ("van an", "an") is one index range in name order."""

    # The primary key (person, key) is also the index that finds a person's keys, so the table carries
    # two indexes, no id sequence, and no database-level foreign key: the rows are derived from persons
    # and kept by the persons service, which people.namekeys computes them for (deleting a person
    # cascades through the ORM).
    pk = models.CompositePrimaryKey("person", "key")
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="name_keys",
        db_index=False,
        db_constraint=False,
    )
    key = BytewiseCharField(max_length=128)
    org_path = PathField()

    class Meta:
        ordering = ["key", "person_id"]
        indexes = [models.Index(fields=["key", "person", "org_path"], name="personnamekey_search")]

    def __str__(self) -> str:
        return self.key


class Relation(models.TextChoices):
    HEAD = "head", _("Chủ hộ")
    SPOUSE = "spouse", _("Vợ/chồng")
    CHILD = "child", _("Con")
    PARENT = "parent", _("Bố/mẹ")
    GRANDCHILD = "grandchild", _("Cháu")
    SIBLING = "sibling", _("Anh/chị/em")
    OTHER = "other", _("Khác")


class Household(OwnedByOrg):
    """Gia đình — a family/household with a head and members."""

    code = models.CharField(_("mã gia đình"), max_length=40, null=True, blank=True)
    name = models.CharField(_("tên gia đình"), max_length=160)
    name_key = BytewiseCharField(max_length=160, editable=False)
    head = models.ForeignKey(
        Person,
        verbose_name=_("chủ hộ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headed_households",
    )
    commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    village = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("thôn/tổ dân phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gia đình")
        verbose_name_plural = _("gia đình")
        ordering = ["name_key", "id"]
        constraints = [models.UniqueConstraint(fields=["code"], name="household_code_unique")]
        indexes = [
            models.Index(fields=["org_path", "name_key", "id"], name="household_scope_name"),
            models.Index(fields=["name_key", "id", "org_path"], name="household_name_scope"),
        ]

    def __str__(self) -> str:
        return self.name


class HouseholdMember(TimeStampedModel):
    """Thành viên gia đình — a person in a household; a person lives in one household at a time."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="household_links")
    relation = models.CharField(_("quan hệ với chủ hộ"), max_length=16, choices=Relation.choices)
    joined_on = models.DateField(_("từ ngày"), null=True, blank=True)
    left_on = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên gia đình")
        verbose_name_plural = _("thành viên gia đình")
        ordering = ["household_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(left_on__isnull=True),
                name="householdmember_one_current_household",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.household}"


class Clan(OwnedByOrg):
    """Dòng họ — a clan, made of member households."""

    code = models.CharField(_("mã dòng họ"), max_length=40, null=True, blank=True)
    name = models.CharField(_("tên dòng họ"), max_length=160)
    name_key = BytewiseCharField(max_length=160, editable=False)
    head = models.ForeignKey(
        Person,
        verbose_name=_("trưởng họ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headed_clans",
    )
    commune = models.ForeignKey(
        "places.AdminUnit",
        verbose_name=_("xã/phường"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    origin = models.CharField(_("nguồn gốc, nhà thờ họ"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng họ")
        verbose_name_plural = _("dòng họ")
        ordering = ["name_key", "id"]
        constraints = [models.UniqueConstraint(fields=["code"], name="clan_code_unique")]
        indexes = [
            models.Index(fields=["org_path", "name_key", "id"], name="clan_scope_name"),
            models.Index(fields=["name_key", "id", "org_path"], name="clan_name_scope"),
        ]

    def __str__(self) -> str:
        return self.name


class ClanHousehold(TimeStampedModel):
    """A household that belongs to a clan."""

    clan = models.ForeignKey(Clan, on_delete=models.CASCADE, related_name="households")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="clan_links")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gia đình trong dòng họ")
        verbose_name_plural = _("gia đình trong dòng họ")
        ordering = ["clan_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["clan", "household"], name="clanhousehold_unique")
        ]


class MembershipKind(models.TextChoices):
    MEMBER = "member", _("Hội viên")
    UNION_MEMBER = "union_member", _("Đoàn viên")
    CADRE = "cadre", _("Cán bộ")
    WORKER = "worker", _("Người lao động")


class Membership(OwnedByOrg):
    """Hội viên/đoàn viên/cán bộ/người lao động — a person's membership of an organisation node."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("loại"), max_length=16, choices=MembershipKind.choices)
    role = models.CharField(_("chức vụ"), max_length=128, blank=True)
    started_on = models.DateField(_("từ ngày"), null=True, blank=True)
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên tổ chức")
        verbose_name_plural = _("thành viên tổ chức")
        ordering = ["org_path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "org_node", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="membership_one_current",
            )
        ]
        indexes = [models.Index(fields=["org_path", "id"], name="membership_scope")]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()}"
