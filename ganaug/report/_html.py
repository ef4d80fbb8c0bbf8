"""A report as one self-contained HTML page: inline CSS, figures as data URIs."""

import base64
import html

_STYLE = """
.ganaug-report { font-family: system-ui, sans-serif; color: #222; max-width: 1100px; }
.ganaug-report table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
.ganaug-report th, .ganaug-report td { border: 1px solid #ccc; padding: 2px 8px;
  text-align: right; }
.ganaug-report th { background: #f3f3f3; }
.ganaug-report figure { display: inline-block; margin: 0.4em; }
.ganaug-report img { max-width: 100%; }
.ganaug-report .note { color: #666; font-size: 0.9em; }
"""


def render_body(report):
    """The report as an HTML fragment (a ``div``), styled inline."""
    parts = [
        f"<div class=\"ganaug-report\"><style>{_STYLE}</style>",
        f"<h2>{html.escape(report.title)}</h2>",
        "<h3>Scores</h3>",
        _table(report.scores),
    ]
    parts += _figure_section("Column distributions", report, "marginal:")
    if report.n_marginals_skipped:
        parts.append(
            f"<p class=\"note\">{report.n_marginals_skipped} more column(s) not drawn; "
            "the columns with the lowest shape scores are shown.</p>"
        )
    parts += _figure_section("Correlations", report, "correlation:")
    parts += _figure_section("Training", report, "loss")
    parts += ["<h3>Column shapes</h3>", _table(report.column_shapes)]
    parts += ["<h3>Column pair trends</h3>", _table(report.column_pair_trends)]
    parts.append("</div>")
    return "\n".join(parts)


def render_document(report):
    """The report as a complete HTML document."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(report.title)}</title>\n</head>\n<body>\n"
        f"{render_body(report)}\n</body>\n</html>\n"
    )


def _table(frame):
    return frame.to_html(index=False, float_format=lambda v: f"{v:.4f}", na_rep="",
                         border=0, escape=True)


def _figure_section(title, report, prefix):
    names = [name for name in report.figures if name.startswith(prefix)]
    if not names:
        return []
    return [f"<h3>{html.escape(title)}</h3>"] + [
        _figure(name, report.figures[name]) for name in names
    ]


def _figure(name, png):
    data = base64.b64encode(png).decode("ascii")
    label = html.escape(name)
    return (
        f"<figure><img alt=\"{label}\" src=\"data:image/png;base64,{data}\">"
        f"<figcaption class=\"note\">{label}</figcaption></figure>"
    )
