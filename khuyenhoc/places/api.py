"""/api/v1/ endpoints for places."""

from ninja import Router

router = Router()
