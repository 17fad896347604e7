"""The programme editor: one page in the admin to enter an event's timeline, themes and
sessions (with their sittings, speakers and featured initiatives) in a few saves.

`forms` reads and checks what was typed, `services` applies it in one transaction,
`queries` loads what the page shows, `warnings` says what is still missing before
publishing, and `admin` hooks the page into EventAdmin.
"""
