"""The import report as text, for the command line and for an officer who sent a file in chat."""

from __future__ import annotations

from locales.i18n import _
from storage.importer.columns import KIND_LABELS, Kind
from storage.importer.common import ImportReport

MAX_LISTED = 50


def _count_labels() -> dict[str, str]:
    return {
        "communes_added": _("communes added"),
        "groups_added": _("groups added"),
        "groups_updated": _("groups updated"),
        "customers_added": _("customers added"),
        "customers_updated": _("customers updated"),
        "loans_added": _("loans added"),
        "loans_updated": _("loans updated"),
        "loans_closed": _("loans closed"),
        "schedules_added": _("schedule rows added"),
        "schedules_updated": _("schedule rows updated"),
        "officers_added": _("officers added"),
        "officers_updated": _("officers updated"),
    }


def render_import_report(report: ImportReport) -> str:
    lines: list[str] = []
    if report.error:
        lines.append(report.error)
    else:
        kind = _(KIND_LABELS[Kind(report.kind)]) if report.kind else "?"
        lines.append(_("{file}: {kind}").format(file=report.file, kind=kind))
        if report.as_of:
            lines.append(_("  data date: {date:%d/%m/%Y}").format(date=report.as_of))
    if report.rows_read or not report.error:
        lines.append(
            _("  rows read {read}, kept {kept}, skipped {skipped}, rejected {rejected}").format(
                read=report.rows_read,
                kept=report.kept,
                skipped=report.skipped,
                rejected=report.rejected_count,
            )
        )
    labels = _count_labels()
    counted = [f"{labels[k]} {v}" for k, v in report.counts.items() if k in labels]
    if counted and report.applied:
        lines.append("  " + ", ".join(counted))
    for note in report.notes:
        lines.append("  " + note)
    for line, reason in report.rejected[:MAX_LISTED]:
        lines.append(_("  line {line}: rejected: {reason}").format(line=line, reason=reason))
    if report.rejected_count > MAX_LISTED:
        lines.append(
            _("  … and {n} more rejected rows").format(n=report.rejected_count - MAX_LISTED)
        )
    for line, warning in report.warnings[:MAX_LISTED]:
        lines.append(_("  line {line}: warning: {reason}").format(line=line, reason=warning))
    if report.warnings_count > MAX_LISTED:
        lines.append(_("  … and {n} more warnings").format(n=report.warnings_count - MAX_LISTED))
    return "\n".join(lines)
