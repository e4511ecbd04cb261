"""Cogs: one per feature. They translate Discord in, call the domain, and translate Discord out."""

EXTENSIONS = ("bot.exts.answers", "bot.exts.figures", "bot.exts.info", "bot.exts.moderation", "bot.exts.audit",
              "bot.exts.incidents")
