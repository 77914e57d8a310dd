"""The studio's look: one calm dark palette and stylesheet, and the colours that carry meaning.

Colours that mean something (ok, behind, failing, partial text) are named here once so every
widget uses the same ones. This module must never hold behaviour; it only styles.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

BG = "#1b1e23"
PANEL = "#23272e"
PANEL_RAISED = "#2b3038"
BORDER = "#363c46"
TEXT = "#e6e8eb"
TEXT_DIM = "#9aa3ad"
ACCENT = "#3fb6a8"  # teal: live, approve
OK = "#5cb85c"
AMBER = "#e0a030"
RED = "#e05a4f"
PARTIAL = "#8d96a0"

FONT_FAMILIES = [
    "Noto Sans",
    "Noto Sans CJK SC",
    "Segoe UI",
    "Helvetica Neue",
    "Noto Color Emoji",
    "Segoe UI Emoji",
    "Apple Color Emoji",
    "sans-serif",
]
# Viewers write emoji; without a colour emoji font in the fallback chain Qt draws them as boxes.
EMOJI_FAMILIES = ("Noto Color Emoji", "Segoe UI Emoji", "Apple Color Emoji", "Twemoji")

STYLESHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog, QWizard {{ background: {BG}; }}
QFrame#panel, QWidget#panel {{ background: {PANEL}; border: 1px solid {BORDER};
    border-radius: 6px; }}
QLabel#panelTitle {{ color: {TEXT_DIM}; font-size: 11px; font-weight: 600;
    letter-spacing: 1px; text-transform: uppercase; }}
QLabel#dim {{ color: {TEXT_DIM}; }}
QLabel#chip {{ background: {PANEL_RAISED}; border: 1px solid {BORDER}; border-radius: 9px;
    padding: 1px 8px; color: {TEXT}; font-size: 11px; }}
QLabel#langTag {{ background: {PANEL_RAISED}; border-radius: 3px; padding: 0px 5px;
    color: {ACCENT}; font-size: 11px; font-weight: 700; }}
QPushButton {{ background: {PANEL_RAISED}; border: 1px solid {BORDER}; border-radius: 5px;
    padding: 6px 14px; }}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:disabled {{ color: {TEXT_DIM}; }}
QPushButton#primary {{ background: {ACCENT}; color: #0e1a18; border: none; font-weight: 600; }}
QPushButton#live {{ background: {ACCENT}; color: #0e1a18; border: none; font-weight: 700;
    padding: 8px 22px; }}
QPushButton#live[live="true"] {{ background: {RED}; color: white; }}
QTreeWidget, QListWidget, QPlainTextEdit, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox,
QTableWidget, QTextBrowser {{
    background: {BG}; border: 1px solid {BORDER}; border-radius: 4px;
    selection-background-color: #2f5f5a; selection-color: {TEXT}; }}
QHeaderView::section {{ background: {PANEL}; color: {TEXT_DIM}; border: none;
    border-bottom: 1px solid {BORDER}; padding: 4px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0px 8px; }}
QTabWidget::pane {{ border: 1px solid {BORDER}; border-radius: 4px; }}
QTabBar::tab {{ background: {PANEL}; padding: 6px 14px; border: 1px solid {BORDER};
    border-bottom: none; }}
QTabBar::tab:selected {{ background: {PANEL_RAISED}; color: {ACCENT}; }}
QFrame#banner {{ background: #3a3222; border: 1px solid {AMBER}; border-radius: 5px; }}
QFrame#banner[kind="group"] {{ background: #1f3533; border-color: {ACCENT}; }}
QProgressBar {{ background: {BG}; border: 1px solid {BORDER}; border-radius: 3px;
    text-align: center; }}
QProgressBar::chunk {{ background: {ACCENT}; }}
"""


def level_colour(level: str) -> str:
    """The colour for a health level: ``ok``, ``amber`` or ``red``."""
    return {"ok": TEXT, "amber": AMBER, "red": RED}.get(level, TEXT)


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(BG))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Base, QColor(BG))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor(PANEL))
    pal.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Button, QColor(PANEL_RAISED))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2f5f5a"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(TEXT))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(TEXT_DIM))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(PANEL_RAISED))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    app.setPalette(pal)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    install_emoji_fallback()
    app.setStyleSheet(STYLESHEET)


def install_emoji_fallback() -> list[str]:
    """Make every font of the window fall back to an installed colour emoji font.

    The application font lists one, but a widget that sets its own family (the sheet editor's
    monospace, a font from a style sheet) would lose it, and Qt's emoji segmenter uses the
    system's emoji family, which a minimal Linux install may not name. So: the installed emoji
    families become the application's emoji families and a substitute of every text family we
    use and of the fixed-width one. Returns the emoji families found (empty: none installed,
    ``scripts/setup.sh`` installs fonts-noto-color-emoji)."""
    installed = set(QFontDatabase.families())
    emoji = [f for f in EMOJI_FAMILIES if f in installed]
    if not emoji:
        return []
    QFontDatabase.setApplicationEmojiFontFamilies(emoji)
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    for family in (*FONT_FAMILIES, fixed, QFont().defaultFamily()):
        if family not in EMOJI_FAMILIES:
            QFont.insertSubstitutions(family, emoji)
    return emoji
