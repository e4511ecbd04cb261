"""The audit feed: every change to the figures and the vocabulary, posted to AUDIT_CHANNEL_ID."""

from bot.exts.audit._cog import Audit, audit_soon, setup

__all__ = ["Audit", "audit_soon", "setup"]
