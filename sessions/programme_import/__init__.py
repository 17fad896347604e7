"""Import an event's programme from a spreadsheet (CSV or XLSX), one row per session.

`reading` turns a file into rows of text, `checking` compares the rows with the event and
the database and says what would change (and what is wrong, by row and column), `service`
applies a checked plan in one transaction. The admin views are in `admin` (a mixin of
EventAdmin). The column format is described in README.md ("Programma importeren").
"""
