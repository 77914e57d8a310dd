"""The composition root: one show built from its parts and run (``sola-studio run`` and the
studio window alike). See ``docs/architecture.md`` for the map.

- :mod:`~sola_studio.live.options`: what a show was asked for (:class:`LiveOptions`), the
  show's languages resolved once (:class:`ShowLanguages`), its figures and outcome;
- :mod:`~sola_studio.live.stages`: a bus and the stages on it, started and stopped in order;
- :mod:`~sola_studio.live.voice`, :mod:`~sola_studio.live.video`, :mod:`~sola_studio.live.desk`:
  one builder per flow, each returning a typed handle;
- :mod:`~sola_studio.live.session`: :class:`LiveSession`, which opens the store, runs the
  builders and starts, stops and measures the show;
- :mod:`~sola_studio.live.run`: the ``run`` command (arguments and the seller's console).
"""
