"""/api/v1/ endpoints for people."""

from ninja import Router

router = Router()
