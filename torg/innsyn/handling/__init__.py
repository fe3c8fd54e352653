"""The case handler's side of access requests (innsynskrav).

A request's parts (``InnsynskravDel``, one per journal entry) reach the back office
(``/admin/innsyn/``) once the requester has verified their e-mail address. A handler
with a role in the entry's service area (or a municipality-wide role) decides each
part: grant (innvilga), grant in part (delvis: a redacted copy) or refuse (avslatt),
citing a paragraph of offentleglova (:mod:`.heimlar`) and recording that meirinnsyn
(offentleglova § 11: access even where an exemption applies) was considered.

- :mod:`.heimlar`: the legal bases a handler may choose, with what each means in words.
- :mod:`.access`: who may handle which parts.
- :mod:`.actions`: ``decide_part`` and the periodic ``escalate_overdue_parts``.
- :mod:`.letters`: what the requester and the leaders are told, by e-mail.
- :mod:`.downloads`: time-limited links to the granted documents (e-mail carries no files).
- :mod:`.queries`: the queue and the answer times per service area.

This module imports nothing, so :mod:`torg.innsyn.requests` can take the legal bases
from :mod:`.heimlar` while the models load.
"""
