"""Cogs: one per feature. They translate Discord in, call the domain, and translate Discord out.

The client loads them by name and imports nothing of them but the error handler's tree, so they may name the
client's types. `bot.exts.buttons` registers the buttons that several of them post."""

EXTENSIONS = ("bot.exts.buttons", "bot.exts.answers", "bot.exts.figures", "bot.exts.info", "bot.exts.moderation",
              "bot.exts.audit", "bot.exts.incidents")
