"""The Textual user interface; see `caredesk.tui.app.CaredeskApp`."""
