from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "torg.core"
    label = "core"
    verbose_name = "Torg: kommune og roller"

    def ready(self) -> None:
        from . import signals  # noqa: F401

        _nynorsk_falls_back_to_bokmal()


def _nynorsk_falls_back_to_bokmal() -> None:
    """Where a catalogue has no Nynorsk (Wagtail's admin has none), show Bokmål, not English.

    Torg's own strings all have Nynorsk (checked by `make test`); this only
    fills the gaps in third-party catalogues.
    """
    from django.utils.translation import trans_real

    nynorsk = trans_real.translation("nn")
    # A private Bokmål catalogue, cut loose from its own fallback (which is
    # LANGUAGE_CODE, possibly nn: that would make a loop).
    bokmal = trans_real.DjangoTranslation("nb")
    bokmal._fallback = None  # type: ignore[attr-defined]
    nynorsk.add_fallback(bokmal)
