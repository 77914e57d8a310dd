"""Session reports: build (database queries -> report data) and export (HTML, CSV, JSON,
SRT/WebVTT). Reports are built from the session database alone; nothing here sends anything."""
