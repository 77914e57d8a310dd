"""The show plan (issue 20): the seller's script of segments and talking points, its versions in
every caption language, and the parts that follow it live (matcher, tracker, script captions).

No Qt here; the window's plan editor and teleprompter live in ``sola_studio/ui/``.
"""
