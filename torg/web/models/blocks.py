"""StreamField blocks for page bodies: plain building blocks, accessible by default."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    color = blocks.ChoiceBlock(
        choices=[("info", _("Information")), ("warning", _("Warning")), ("success", _("Good news"))],
        default="info",
        label=_("kind"),
    )
    heading = blocks.CharBlock(required=False, label=_("heading"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul"], label=_("text"))

    class Meta:
        icon = "warning"
        template = "web/blocks/callout.html"
        label = _("Callout")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    page = blocks.PageChooserBlock(required=False, label=_("page"))
    url = blocks.URLBlock(required=False, label=_("address"))


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("heading"))
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        template = "web/blocks/link_list.html"
        label = _("Links")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Heading"), template="web/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageBlock(label=_("Image"), template="web/blocks/image.html")
    callout = CalloutBlock()
    links = LinkListBlock()
