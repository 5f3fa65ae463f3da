"""The ``wijkkompas`` command: arguments, output format and exit codes only."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import re
import sys
from pathlib import Path
from typing import NoReturn, Sequence, TextIO
from urllib.parse import urlsplit

from .build import build_site, generate
from .check import CheckResult, check_project
from .errors import BuildError, ContentError, Problem, os_error_reason, left_out_message, limit_per_file
from .models import KINDS
from .project import Project
from .questionnaire.advice import AdviceError, advise
from .publish import site_address
from .questionnaire.present import advice_as_markdown, advice_as_text, ask_interactively, list_questions
from .questionnaire.validate import VRAGENLIJST_PAD
from .render.data import questionnaire_data
from .scaffold import NEW_KINDS, ScaffoldError, new_content_file
from .schema import write_schemas
from .serve import make_server

__all__ = ["main"]

EXIT_OK, EXIT_FOUT, EXIT_GEBRUIK = 0, 1, 2


def _summary(result: CheckResult) -> str:
    counts = result.content.counts()
    parts = [f"{counts[k.name]} {k.label if counts[k.name] == 1 else k.label_plural}" for k in KINDS]
    status = "geen fouten" if result.ok else f"{len(result.fouten)} fout(en)"
    if result.waarschuwingen:
        status += f", {len(result.waarschuwingen)} waarschuwing(en)"
    return f"Geladen: {', '.join(parts)} — {status}."


def _print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    # At most MAX_PROBLEMS_PER_FILE per file; the rest as one line with their number.
    shown, left_out = limit_per_file(problems)
    for number, problem in enumerate(shown):
        print(problem.format(), file=stream or sys.stderr)
        last_of_file = number + 1 == len(shown) or shown[number + 1].bestand != problem.bestand
        if last_of_file and problem.bestand in left_out:
            print(f"{problem.bestand}: {left_out_message(left_out.pop(problem.bestand))}", file=stream or sys.stderr)


def _cmd_check(args: argparse.Namespace, project: Project) -> int:
    result = check_project(project)
    failed = not result.ok or (args.strict and result.waarschuwingen)
    if args.format == "github":
        # Workflow commands: GitHub shows these inline on the pull request's files.
        shown, left_out = limit_per_file(result.fouten + result.waarschuwingen)
        for problem in shown:
            print(problem.as_github(strict=args.strict))
        for bestand, count in left_out.items():
            print(Problem(bestand, 0, 0, "", left_out_message(count)).as_github())
        _say(args, _summary(result))
    elif args.format == "json":
        fouten, fouten_weg = limit_per_file(result.fouten)
        waarschuwingen, waarschuwingen_weg = limit_per_file(result.waarschuwingen)
        print(json.dumps({
            "fouten": [p.as_json() for p in fouten],
            "waarschuwingen": [p.as_json() for p in waarschuwingen],
            # Per file, how many were left out of the lists above (at most 20 per file are listed).
            "weggelaten": {"fouten": fouten_weg, "waarschuwingen": waarschuwingen_weg},
            "aantal_fouten": len(result.fouten),
            "aantal_waarschuwingen": len(result.waarschuwingen),
            "aantallen": result.content.counts(),
        }, ensure_ascii=False, indent=2))
    else:
        # The report is the command's output, so it goes to stdout with the summary last.
        # -q: errors only; warnings too when --strict makes them count.
        shown = result.fouten + (result.waarschuwingen if args.strict or not args.quiet else [])
        _print_problems(shown, sys.stdout)
        _say(args, _summary(result))
    return EXIT_FOUT if failed else EXIT_OK


def _cmd_new(args: argparse.Namespace, project: Project) -> int:
    try:
        new = new_content_file(project, args.soort, args.naam, args.id, write=not args.stdout)
    except ScaffoldError as exc:
        print(f"Niet aangemaakt: {exc}.", file=sys.stderr)
        return EXIT_FOUT
    if args.stdout:
        print(new.text, end="")
        return EXIT_OK
    _say(args, f"Nieuw bestand: {new.relative}")
    _say(args, "Vul de velden in (de regels met # leggen elk veld uit) en controleer met 'make check'.")
    return EXIT_OK


def _cmd_generate(args: argparse.Namespace, project: Project) -> int:
    result = generate(project)
    _say(args, f"Markdown en data geschreven naar {project.docs_dir}. {_summary(result)}")
    return EXIT_OK


def _cmd_build(args: argparse.Namespace, project: Project) -> int:
    result = build_site(project, strict=not args.niet_strikt, offline=args.offline,
                        on_wait=lambda message: print(message, file=sys.stderr, flush=True))
    target = project.offline_dir if args.offline else project.site_dir
    _say(args, _summary(result))
    _say(args, f"Site gebouwd in {target}/")
    if args.offline:
        _say(args, f"Open {(target / 'index.html').as_uri()} in uw browser; deze kopie werkt zonder internet.")
    else:
        # site/ links to folders, which only a web server resolves to their index.html.
        _say(args, "Bekijk hem met 'make open' (een webserver op uw eigen computer); voor een kopie die "
                   "vanaf schijf werkt: 'make site-offline'.")
    return EXIT_OK


def _cmd_open(args: argparse.Namespace, project: Project) -> int:
    """Serve site/ on this computer only, as the public host would (generator/serve.py); Ctrl-C stops."""
    site = project.site_dir
    if not (site / "index.html").is_file():
        print(f"Er is nog geen site in {site}/; bouw hem eerst met 'make site'.", file=sys.stderr)
        return EXIT_GEBRUIK
    prefix = urlsplit(site_address(project.mkdocs_config)).path or "/"
    try:
        server = make_server(site, prefix, args.poort)
    except OSError as exc:
        print(f"Poort {args.poort} is niet beschikbaar ({exc.strerror}); kies een andere met --poort.",
              file=sys.stderr)
        return EXIT_FOUT
    print(f"De site staat op http://127.0.0.1:{server.server_address[1]}{prefix} (stoppen: Ctrl-C).", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()
    finally:
        server.server_close()
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace, project: Project) -> int:
    """The live preview (generator/publish/preview.py); Ctrl-C stops."""
    from .publish.preview import serve

    return serve(project, args.poort, out=lambda line: print(line, flush=True))


def _cmd_schema(args: argparse.Namespace, project: Project) -> int:
    changed = write_schemas(project.schemas_dir)
    _say(args, f"{len(changed)} schema('s) bijgewerkt in {project.schemas_dir}.")
    return EXIT_OK


def _file_system_error(exc: OSError) -> str:
    """What went wrong with which path (``os_error_reason``), and what to do, in Dutch."""
    path = exc.filename if exc.filename is not None else exc.filename2
    where = f" bij {path}" if path is not None else ""
    if exc.errno in (errno.EACCES, errno.EPERM):
        todo = (f"Geef uzelf lees- en schrijfrechten op deze map of dit bestand (bijvoorbeeld met "
                f"'chmod u+rwX {path}'), of werk in een kopie van het project in een map waarin u mag schrijven.")
    elif exc.errno == errno.EROFS:
        todo = "Werk in een kopie van het project op een schijf waarop u mag schrijven."
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT):
        todo = "Maak ruimte vrij en probeer het opnieuw."
    elif exc.errno == errno.ENOENT:
        todo = "Controleer of het pad bestaat en probeer het opnieuw."
    else:
        todo = "Controleer dit pad en probeer het opnieuw."
    return f"{os_error_reason(exc)}{where}. {todo}"


def _parse_answers(values: list[str]) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for value in values:
        vraag, sep, opties = value.partition("=")
        if not sep or not vraag.strip() or not opties.strip():
            raise AdviceError(f"'{value}' is geen antwoord; schrijf VRAAG=OPTIE (bijv. rol=bewoner)")
        answers.setdefault(vraag.strip(), []).extend(o.strip() for o in opties.split(",") if o.strip())
    return answers


def _cmd_advise(args: argparse.Namespace, project: Project) -> int:
    result = check_project(project)
    if not result.ok:
        raise ContentError(result.fouten)
    if result.vragenlijst is None:
        print(f"Er is geen vragenlijst ({VRAGENLIJST_PAD}).", file=sys.stderr)
        return EXIT_FOUT
    data = questionnaire_data(result.content, result.graph, result.vragenlijst)
    if args.list_questions:
        questions = list_questions(data)
        if args.format == "json":
            print(json.dumps(questions, ensure_ascii=False, indent=2))
        else:
            for vraag in questions:
                print(f"{vraag['id']}: {vraag['tekst']} {vraag['hint']}")
                for optie in vraag["opties"]:
                    print(f"    {vraag['id']}={optie['id']}  {optie['tekst']}")
        return EXIT_OK
    try:
        answers = _parse_answers(args.answer or [])
        if not answers and sys.stdin.isatty() and not args.answer:
            asked = ask_interactively(data, input, sys.stdout)
            if asked is None:
                print("Gestopt.")
                return EXIT_OK
            answers = asked
        advice = advise(data, answers)
    except AdviceError as exc:
        print(f"Fout in de antwoorden: {exc}. Zie 'wijkkompas advise --list-questions'.", file=sys.stderr)
        return EXIT_GEBRUIK
    if args.format == "json":
        print(json.dumps(advice, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(advice_as_markdown(advice, args.site_url or site_address(project.mkdocs_config)), end="")
    else:
        print(advice_as_text(advice), end="")
    return EXIT_OK


class _DutchHelpFormatter(argparse.HelpFormatter):
    """argparse's help, headed 'Gebruik:' instead of 'usage:'."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Gebruik: " if prefix is None else prefix)


# argparse writes its own messages in English; these patterns (their wording in
# Python 3.11-3.13) turn them into Dutch. One that is not listed stays as it is.
_ARGPARSE_NL = [(re.compile(pattern), dutch) for pattern, dutch in (
    (r"^the following arguments are required: (.+)$", r"dit ontbreekt nog: \1"),
    (r"^unrecognized arguments: (.+)$", r"dit ken ik niet: \1"),
    (r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$", r"\1: \2 bestaat niet; kies uit \3"),
    (r"^argument (.+?): expected one argument$", r"\1: hier hoort een waarde achter"),
    (r"^argument (.+?): expected at least one argument$", r"\1: hier hoort minstens één waarde achter"),
    (r"^argument (.+?): expected at most one argument$", r"\1: hier hoort hoogstens één waarde achter"),
    (r"^argument (.+?): invalid \w+ value: (.+)$", r"\1: \2 is geen geldige waarde"),
    (r"^argument (.+?): ignored explicit argument (.+)$", r"\1: hier hoort geen waarde achter (\2)"),
    (r"^argument (.+?): not allowed with argument (.+)$", r"\1 kan niet samen met \2"),
    (r"^ambiguous option: (.+?) could match (.+)$", r"\1 kan meer dan één optie zijn (\2); schrijf de optie voluit"),
)]


def _in_dutch(message: str) -> str:
    for pattern, dutch in _ARGPARSE_NL:
        if pattern.match(message):
            return pattern.sub(dutch, message)
    return message


class _DutchParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, headings and errors are in Dutch (subcommands inherit it)."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs["add_help"] = False  # argparse's own -h says "show this help message and exit"
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_GEBRUIK, f"{self.prog}: fout: {_in_dutch(message)}\nMeer uitleg: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _DutchParser(
        prog="wijkkompas", description="Wijkkompas: controleer de inhoud en bouw de site."
    )
    parser.add_argument("--root", metavar="PAD", default=".", type=Path,
                        help="de projectmap (standaard: de huidige map)")
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="toon meer details, zoals de stappen van een bouw met hun duur")
    loud.add_argument("-q", "--quiet", action="store_true",
                      help="toon alleen fouten en wat u opvraagt (geen voortgang of samenvatting)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    check = commands.add_parser("check", help="controleer alle inhoud")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="github: meldingen als annotaties in een pull request")
    check.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    check.set_defaults(handler=_cmd_check)
    new = commands.add_parser("new", help="begin een nieuwe casus, tip of begrip vanuit een sjabloon")
    new.add_argument("soort", choices=NEW_KINDS, help="wat u toevoegt")
    new.add_argument("naam", help="de naam (casus), titel (tip) of term (begrip), tussen aanhalingstekens")
    new.add_argument("--id", help="de id en bestandsnaam; standaard afgeleid van de naam")
    new.add_argument("--stdout", action="store_true", help="toon het sjabloon in plaats van het te schrijven")
    new.set_defaults(handler=_cmd_new)
    gen = commands.add_parser("generate", help="schrijf Markdown en data naar build/docs")
    gen.set_defaults(handler=_cmd_generate)
    build = commands.add_parser("build", help="bouw de hele site in site/")
    build.add_argument("--niet-strikt", action="store_true", help="laat MkDocs-waarschuwingen toe")
    build.add_argument("--offline", action="store_true",
                       help="bouw in site-offline/ een kopie die vanaf schijf werkt, zonder internet")
    build.set_defaults(handler=_cmd_build)
    adv = commands.add_parser(
        "advise", help="hulp bij kiezen: advies op basis van uw antwoorden",
        description="Hulp bij kiezen: zonder --answer stelt de opdracht de vragen een voor een in de terminal; "
                    "met --answer geeft u de antwoorden mee (zie --list-questions voor de vragen en antwoorden).")
    adv.add_argument("--answer", action="append", metavar="VRAAG=OPTIE",
                     help="een antwoord; herhaal voor meer vragen, komma's voor meerdere opties")
    adv.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                     help="de vorm van het advies: text (standaard), markdown of json")
    adv.add_argument("--list-questions", action="store_true", help="toon de vragen en antwoorden")
    adv.add_argument("--site-url", metavar="ADRES",
                     help="het adres van de site voor de links in --format markdown (standaard: site_url uit mkdocs.yml)")
    adv.set_defaults(handler=_cmd_advise)
    opn = commands.add_parser("open", help="bekijk de gebouwde site op http://127.0.0.1 (alleen op deze computer)")
    opn.add_argument("--poort", type=int, default=8001, help="de poort (standaard 8001; 0 = een vrije)")
    opn.set_defaults(handler=_cmd_open)
    srv = commands.add_parser("serve", help="live voorvertoning: bouwt opnieuw bij elke opgeslagen wijziging")
    srv.add_argument("--poort", type=int, default=8000, help="de poort (standaard 8000)")
    srv.set_defaults(handler=_cmd_serve)
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's naar schemas/")
    schema.set_defaults(handler=_cmd_schema)
    return parser


class _ToStderr(logging.Handler):
    """Log lines to the current sys.stderr (looked up per line, so a caller's redirect holds)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr, flush=True)


def _configure_logging(args: argparse.Namespace) -> None:
    """-v: a build's stages with their duration; -q: errors only; otherwise warnings too."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _ToStderr)]:
        root.removeHandler(handler)
    handler = _ToStderr()
    handler.setFormatter(logging.Formatter("%(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING)


def _say(args: argparse.Namespace, text: str) -> None:
    """A progress or summary line: not with -q (what was asked for is printed regardless)."""
    if not args.quiet:
        print(text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    _configure_logging(args)
    project = Project.at(args.root)
    if not project.root.is_dir():
        print(f"De projectmap {project.root} bestaat niet.", file=sys.stderr)
        return EXIT_GEBRUIK
    try:
        return args.handler(args, project)
    except ContentError as exc:
        _print_problems(exc.problems)
        print(f"Afgebroken: {len(exc.problems)} fout(en) in de inhoud. De vorige site is niet aangeraakt.",
              file=sys.stderr)
        return EXIT_FOUT
    except BuildError as exc:
        print(f"Bouwen mislukt: {exc}\nDe vorige site is niet aangeraakt.", file=sys.stderr)
        return EXIT_FOUT
    except OSError as exc:
        # A read-only folder, a full disk: a message, never a traceback.
        if args.command == "build":
            print(f"Bouwen mislukt: {_file_system_error(exc)}\nDe vorige site is niet aangeraakt.",
                  file=sys.stderr)
        else:
            print(f"Mislukt: {_file_system_error(exc)}", file=sys.stderr)
        return EXIT_FOUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
