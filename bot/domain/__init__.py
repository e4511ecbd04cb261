"""The domain: pure Python. Nothing here imports discord or SQL."""
