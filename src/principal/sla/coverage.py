"""Which SLA component an outage of a named component counts against.

An outage counts against the component of the same name; when the SLA names a single component (a platform-wide
promise), every outage counts against it; otherwise the component has no promise and the outage counts nowhere
(it still costs the operation).
"""

from __future__ import annotations

from principal.model.sla import Component, Sla


def covering_component(sla: Sla, name: str) -> Component | None:
    for component in sla.components:
        if component.name == name:
            return component
    if len(sla.components) == 1:
        return sla.components[0]
    return None


def impact_definitions(primary: Sla, names: list[str]) -> dict[str, Component]:
    """The component definitions (affected shares) used to cost outages of `names`: the primary SLA's own."""
    out: dict[str, Component] = {}
    for name in names:
        covered = covering_component(primary, name)
        out[name] = covered if covered is not None else Component(name=name, target=primary.components[0].target)
    return out
