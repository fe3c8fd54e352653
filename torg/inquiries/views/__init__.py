"""The residents' side of Servicetorget.

/servicetorget/ (send), /servicetorget/<ref>/ (follow with the private key,
or the public version), /tilbakemeldingar/ (the public feedback and what was
done) and the small GeoJSON the map draws.
"""

from .feedback import PublicFeedbackFeed, feedback_list
from .follow import attachment, follow, forget
from .submit import inquiry_form, map_geojson, receipt

__all__ = [
    "PublicFeedbackFeed",
    "attachment",
    "feedback_list",
    "follow",
    "forget",
    "inquiry_form",
    "map_geojson",
    "receipt",
]
