"""Backups of the whole installation: the database and the uploaded files, in one archive.

    backup_create(output=None)  → BackupSummary   (backup.py; `khuyenhoc backup [--output FILE]`)
    backup_restore(path)        → RestoreSummary  (restore.py; `khuyenhoc restore FILE`)

SQLite is copied with its online backup API, PostgreSQL with pg_dump's custom format; both at one
point in time while the application keeps writing. archive.py describes the file. docs/deploy.md
(section 10) is the operators' guide (schedule, retention, restore drill).
"""
