"""Every error the generator defines is a WijkkompasError, so a caller can catch them all in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import generator
from generator.errors import WijkkompasError


def _generator_exceptions() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_exception_of_the_generator_is_a_wijkkompas_error() -> None:
    found = _generator_exceptions()
    assert {cls.__name__ for cls in found} >= {"ContentError", "BuildError", "AdviceError", "ScaffoldError", "YamlProblem"}
    strays = [f"{cls.__module__}.{cls.__name__}" for cls in found if not issubclass(cls, WijkkompasError)]
    assert not strays, strays
