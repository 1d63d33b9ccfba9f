"""Self-contained HTML design report: inline SVG for the stack drawing and the plots, CSS inlined."""

from __future__ import annotations

from functools import lru_cache

from ..errors import AnodeLabError
from ..paths import resources_dir
from ..formatting import display_units
from .content import ReportContent, fmt_number
from .stack_drawing import cell_stack_svg, stack_svg


@lru_cache(maxsize=1)
def environment():
    import jinja2

    folder = resources_dir() / "report"
    if not (folder / "_sections.html.j2").is_file():
        raise AnodeLabError("report templates not found (resources/report is missing)", file=str(folder))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=jinja2.select_autoescape(["j2", "html"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["fmt"] = fmt_number
    env.filters["units"] = display_units  # "1 mA cm-2" in a source → "1 mA cm⁻²" (display only; JSON keeps it)
    return env


def css() -> str:
    return (resources_dir() / "report" / "report.css").read_text(encoding="utf-8")


def export(content: ReportContent, path=None, *, progress=None) -> bytes:
    plots = []
    if content.plots:
        from . import plots as plotting

        plotting.ensure_qapp()
        for i, p in enumerate(content.plots):
            if progress:
                progress(0.55 + 0.4 * i / len(content.plots), f"drawing {p.protocol}")
            plots.append((p, plotting.plot_svg(p)))
    html = environment().get_template("design.html.j2").render(
        c=content,
        css=css(),
        stack_svg=(cell_stack_svg(content.cell_layers) if content.cell_layers
                   else stack_svg(content.layers, title="Cell stack (per electrode)")),
        plots=plots,
    )
    return html.encode("utf-8")
