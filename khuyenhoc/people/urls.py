from django.urls import path

from khuyenhoc.people.views import clans, households, persons

app_name = "people"
urlpatterns = [
    path("persons/", persons.person_list, name="person-list"),
    path("persons/new/", persons.person_create_view, name="person-create"),
    path("persons/<int:pk>/", persons.person_detail, name="person-detail"),
    path("persons/<int:pk>/edit/", persons.person_edit, name="person-edit"),
    path("persons/<int:pk>/data/", persons.person_data_download, name="person-data"),
    path("persons/<int:pk>/erase/", persons.person_erase_view, name="person-erase"),
    path("persons/<int:pk>/memberships/new/", persons.membership_add, name="membership-add"),
    path("memberships/", persons.membership_list, name="membership-list"),
    path("memberships/<int:pk>/end/", persons.membership_end_view, name="membership-end"),
    path("households/", households.household_list, name="household-list"),
    path("households/new/", households.household_create_view, name="household-create"),
    path("households/<int:pk>/", households.household_detail, name="household-detail"),
    path("households/<int:pk>/edit/", households.household_edit, name="household-edit"),
    path(
        "households/<int:pk>/members/new/",
        households.household_member_add,
        name="household-member-add",
    ),
    path(
        "household-members/<int:pk>/leave/",
        households.household_member_remove,
        name="household-member-remove",
    ),
    path("clans/", clans.clan_list, name="clan-list"),
    path("clans/new/", clans.clan_create_view, name="clan-create"),
    path("clans/<int:pk>/", clans.clan_detail, name="clan-detail"),
    path("clans/<int:pk>/edit/", clans.clan_edit, name="clan-edit"),
    path("clans/<int:pk>/households/new/", clans.clan_household_add, name="clan-household-add"),
    path(
        "clans/<int:pk>/households/<int:link_pk>/remove/",
        clans.clan_household_remove,
        name="clan-household-remove",
    ),
]
