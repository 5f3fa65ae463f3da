"""Gather and validate everything: files, cross-references and the graph."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .errors import Problem
from .gcpause import gc_paused
from .graph import build_graph, find_graph_problems
from .timing import stage
from .content import Content
from .load import FileMemo, load_content
from .project import Project
from .questionnaire.model import Vragenlijst
from .questionnaire.validate import find_questionnaire_problems, load_vragenlijst
from .validate import find_content_problems

__all__ = ["CheckResult", "check_project"]


@dataclass(frozen=True)
class CheckResult:
    """What ``wijkkompas check`` found."""

    content: Content
    graph: nx.MultiDiGraph
    fouten: list[Problem]
    waarschuwingen: list[Problem]
    vragenlijst: Vragenlijst | None = None

    @property
    def ok(self) -> bool:
        return not self.fouten


def check_project(project: Project, memo: FileMemo | None = None) -> CheckResult:
    """Load all content and run every check; never raises for bad content.

    File-level problems (YAML, model) and cross-file problems are errors. Graph
    warnings are only computed when there are no errors, because a graph of
    half-loaded content would warn about gaps that are really load errors.
    ``memo`` (the live preview) keeps what was read from files that did not change.
    """
    with gc_paused():
        with stage("inhoud lezen"):
            content, problems = load_content(project.root, memo)
        with stage("inhoud controleren"):
            problems += find_content_problems(content)
            vragenlijst, parsed, found = load_vragenlijst(project.root)
            problems += found
            if vragenlijst is not None and parsed is not None:
                problems += find_questionnaire_problems(vragenlijst, parsed, content)
        with stage("kennisgraaf"):
            graph = build_graph(content)
    with stage("samenhang controleren"):
        warnings = [] if problems else find_graph_problems(graph)
    return CheckResult(content, graph, sorted(problems), sorted(warnings), vragenlijst)
