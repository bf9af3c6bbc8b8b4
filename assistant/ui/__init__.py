"""The Gradio web UI (`assistant serve`). Gradio is imported only when the UI is built."""

from assistant.ui.app import build_app, serve, warm_up

__all__ = ["build_app", "serve", "warm_up"]
