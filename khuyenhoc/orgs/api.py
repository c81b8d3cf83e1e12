"""/api/v1/ endpoints for orgs."""

from ninja import Router

router = Router()
