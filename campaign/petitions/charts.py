"""Charts for the admin dashboard, drawn on the server as SVG by pygal.

Served as image/svg+xml and shown with <img>: pygal's SVG carries a <style> block that the
site's CSP would refuse inline in a page. Its script links are switched off (js=[]) and the
configuration <script> it still writes is removed, so the image refers to no other host and
runs nothing; its comments, links to pygal's site, go too.
"""

import re

import pygal
from pygal.style import Style

SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)
COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def site_style(background, colors):
    """The site's text colours and font on `background`, series drawn in `colors`."""
    return Style(
        background=background,
        plot_background=background,
        foreground="#1d1f21",
        foreground_strong="#1d1f21",
        foreground_subtle="#51565b",
        colors=colors,
        font_family="system-ui, sans-serif",
    )


# In the order the series are added: confirmed or approved, waiting, rejected.
CHART_STYLE = site_style("white", ("#2e7d32", "#f9a825", "#8a1c1c"))


def clean(svg):
    """pygal's SVG without its configuration script and its comments."""
    return COMMENT.sub(b"", SCRIPT.sub(b"", svg))


def per_day_chart(title, dates, series, labels):
    """SVG bytes: one stacked bar a day; series maps each key of `labels` (key, label pairs,
    in drawing order) to its daily counts."""
    chart = pygal.StackedBar(
        js=[],
        style=CHART_STYLE,
        title=title,
        width=960,
        height=360,
        x_label_rotation=45,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, len(dates) // 15),
        legend_at_bottom=True,
        pretty_print=False,
    )
    chart.x_labels = [day.isoformat() for day in dates]
    highest = max((sum(day) for day in zip(*series.values(), strict=True)), default=0)
    if highest < 10:
        # Whole numbers on the axis: pygal would otherwise mark 0.1, 0.2... for small counts.
        chart.y_labels = list(range(highest + 1))
    for key, label in labels:
        chart.add(str(label), series[key])
    return clean(chart.render())


def country_chart(title, countries, names, limit=20):
    """SVG bytes: horizontal bars for the `limit` countries with the most signatures."""
    chart = pygal.HorizontalBar(
        js=[],
        style=CHART_STYLE,
        title=title,
        width=960,
        height=max(200, 28 * min(len(countries), limit) + 80),
        show_legend=False,
        pretty_print=False,
    )
    top = list(reversed(countries[:limit]))
    chart.x_labels = [str(names(code)) for code, _total in top]
    chart.add(str(title), [total for _code, total in top])
    return clean(chart.render())
