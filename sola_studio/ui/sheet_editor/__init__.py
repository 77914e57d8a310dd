"""The product sheet editor of the window: a form, the YAML text and the sheet's translations
(:class:`SheetFormEditor`)."""

from sola_studio.ui.sheet_editor.dialog import SheetFormEditor

__all__ = ["SheetFormEditor"]
