"""Airwars' incident records: one row per alleged Coalition civilian-harm incident in Syria.

Pure Python like the rest of `bot.domain`: the model, the file format, reading a question about
incidents, and the wording of the answers. The SQL lives in `bot.store.incidents`.
"""
