"""``python -m questions`` (installed: ``question-prep``): the engine without the browser.

For tests, for clinicians who review content, and for scripts. Every problem with the
input ends the program with status 2 and one plain line on stderr, never a traceback
(a clinic file with several problems: one line for each).

:func:`main` takes its streams as arguments (httpie's way), so the tests run it in-process;
a command serves its own :class:`~questions.content.Edition` (the content folder and the
``--clinic`` file) for its length only, so nothing of one run is left for the next.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

from questions import content, languages
from questions.answers_file import AnswersFileError, parse_answers, read_limited
from questions.bank_export import BANK_FORMATS
from questions.content import SOURCE_LANGUAGE, Edition
from questions.escape import terminal
from questions.list_formats import LIST_FORMATS
from questions.listing import patient_list
from questions.models import Answers

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's usual status for a program stopped by SIGINT (128 + 2)."""
PROG = "python -m questions"
ENTRY_POINT = "question-prep"
"""The command ``pip install .`` gives (``[project.scripts]`` in pyproject.toml)."""
CLINIC_HELP = "a clinic file (YAML): its name and phone on the list, its own questions, hidden topics"
ANSWERS_HELP = (
    "a saved-answers JSON file, or a PDF this tool made (it holds the answers), or - for standard input"
)


class UsageError(Exception):
    """Bad input from the command line: shown as one line (a line each), exit status 2."""

    def __init__(self, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.details = tuple(details)


@dataclass
class Streams:
    """Where a run reads and writes: the process's own streams, or a test's."""

    stdin: IO[bytes] | None
    stdout: IO[str] | None
    stderr: IO[str] | None

    @classmethod
    def of_process(cls) -> Streams:
        """``sys``'s streams as they are now (None where the shell closed one)."""
        return cls(getattr(sys.stdin, "buffer", None), sys.stdout, sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one plain line like every other input error."""

    def __init__(self, *args: Any, command: str = PROG, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.command = command

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (try: {self.command} --help)")


def read_answers(path: str, streams: Streams) -> Answers:
    """Load an answers file (JSON, or a PDF this tool made) from a path (or ``-`` for standard input)."""
    if path == "-":
        if streams.stdin is None:  # started with standard input closed (``<&-``)
            raise UsageError("cannot read standard input: it is closed")
        try:
            raw = read_limited(streams.stdin)
        except (OSError, ValueError) as exc:  # a closed or unreadable descriptor
            raise UsageError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None
    else:
        file = Path(path)
        try:
            if not file.exists():
                raise UsageError(f"cannot read '{path}': there is no such file")
            if file.is_dir():
                raise UsageError(f"cannot read '{path}': it is a folder, not a file")
            with file.open("rb") as stream:
                raw = read_limited(stream)
        except OSError as exc:
            raise UsageError(f"cannot read '{path}': {exc.strerror or exc}") from None
    try:
        return parse_answers(raw)
    except AnswersFileError as exc:
        raise UsageError(f"'{path}': {exc}") from None


def say(line: str, streams: Streams) -> None:
    """One line on stderr, as well as can be: a closed or full stderr loses it, never crashes."""
    stream = streams.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(f"{line}\n")
        stream.flush()


def warn(lines: Sequence[str], streams: Streams) -> None:
    for line in lines:
        say(f"warning: {terminal(line)}", streams)


def write_out(text: str, streams: Streams) -> None:
    """Write a command's output to stdout; a full disk, a closed stdout or a closed pipe is one
    line, not a traceback. Characters the output's encoding cannot hold are replaced
    (``_forgiving_streams``)."""
    if streams.stdout is None:  # started with standard output closed (``>&-``)
        raise UsageError("cannot write the output: standard output is closed")
    try:
        streams.stdout.write(text)
        streams.stdout.flush()
    except BrokenPipeError:
        _drop_stdout(streams)
        raise
    except (OSError, ValueError) as exc:  # ValueError: a stream closed under us
        _drop_stdout(streams)
        raise UsageError(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}") from None


def _drop_stdout(streams: Streams) -> None:
    """Point stdout at /dev/null, so Python's final flush of what is left cannot fail again."""
    try:
        stdout = streams.stdout
        if stdout is None or stdout is not sys.stdout:
            raise ValueError("not the process's stdout")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        streams.stdout = None


def _forgiving_streams(streams: Streams) -> None:
    """Any console encoding (``PYTHONIOENCODING=ascii``, a cp1252 console): what it cannot
    write becomes "?" instead of a UnicodeEncodeError, on stdout and stderr alike."""
    for stream in (streams.stdout, streams.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


def edition(clinic_file: str | None) -> Edition:
    """What one command serves: this process's content folder and the ``--clinic`` file
    (checked before anything is read or written), or the public edition."""
    from questions.clinic import ClinicFileError, read_clinic

    try:
        clinic = read_clinic(clinic_file) if clinic_file else None
    except ClinicFileError as exc:
        raise UsageError(exc.headline, exc.problems) from None
    return Edition(content.served().data, clinic)


def _with_options(answers: Answers, args: argparse.Namespace) -> Answers:
    """The answers with the command line's paper, print size and language, where given:
    they win over the file's ``output`` (and language) for this run only."""
    output = {
        field: value
        for field, value in (("paper", args.paper), ("large_print", args.large_print))
        if value is not None
    }
    update: dict[str, object] = {"output": answers.output.model_copy(update=output)}
    if args.language is not None:
        update["language"] = args.language
    return answers.model_copy(update=update)


def cmd_list(args: argparse.Namespace, streams: Streams) -> int:
    with content.serving(edition(args.clinic)):
        plist = patient_list(_with_options(read_answers(args.answers, streams), args))
        warn(plist.warnings(), streams)
        write_out(LIST_FORMATS[args.format](plist), streams)
    return 0


def _output_path(name: str) -> Path:
    """Where ``build`` writes: a file name whose suffix is a known format, in a folder that exists."""
    from questions.document_files import FORMATS

    path = Path(name)
    if path.suffix.lower() not in FORMATS:
        raise UsageError(
            f"cannot write '{name}': the name must end in {', '.join(list(FORMATS)[:-1])} or {list(FORMATS)[-1]}"
        )
    try:
        if path.is_dir():
            raise UsageError(f"cannot write '{name}': it is a folder")
        if not path.parent.is_dir():
            raise UsageError(f"cannot write '{name}': there is no folder '{path.parent}'")
    except OSError as exc:  # a name too long for the file system, a folder we may not look in
        raise UsageError(f"cannot write '{name}': {exc.strerror or exc}") from None
    return path


def cmd_build(args: argparse.Namespace, streams: Streams) -> int:
    # Imported here: reportlab takes a while to load, and only ``build`` needs it.
    from questions.document_files import build_document, document_warnings, write_atomically

    output = _output_path(args.output)
    with content.serving(edition(args.clinic)):
        plist = patient_list(_with_options(read_answers(args.answers, streams), args))
        suffix = output.suffix.lower()
        warn([*plist.warnings(), *document_warnings(plist, suffix)], streams)
        data = build_document(plist, suffix)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UsageError(f"cannot write '{args.output}': {exc.strerror or exc}") from None
    # Where it went, on stderr: standard output stays empty for scripts.
    say(f"wrote {terminal(str(output.resolve()))}", streams)
    return 0


def cmd_bank(args: argparse.Namespace, streams: Streams) -> int:
    with content.serving(edition(args.clinic)):
        write_out(BANK_FORMATS[args.format](args.language), streams)
    return 0


def cmd_clinic(args: argparse.Namespace, streams: Streams) -> int:
    """Check a clinic file (or the one ``QUESTION_PREP_CLINIC`` names) before serving it."""
    from questions.clinic import ENV_VAR

    path = args.file or os.environ.get(ENV_VAR, "").strip()
    if not path:
        write_out(f"no clinic file (neither a FILE nor {ENV_VAR}): the public edition\n", streams)
        return 0
    clinic = edition(path).clinic
    assert clinic is not None  # a path was given, so a clinic was read (or UsageError)
    ready = (
        f"clinic file '{path}' is ready: {clinic.name}, {len(clinic.extra_questions)} questions of its own"
    )
    write_out(terminal(ready) + "\n", streams)
    return 0


def cmd_schema(_args: argparse.Namespace, streams: Streams) -> int:
    write_out(json.dumps(Answers.model_json_schema(), indent=2) + "\n", streams)
    return 0


def cmd_check(_args: argparse.Namespace, streams: Streams) -> int:
    from questions.check import ContentError, check_content

    try:
        report = check_content()
    except ContentError as exc:
        raise UsageError(str(exc)) from None
    write_out(f"{report}\n", streams)
    return 0


def _print_options(build: argparse.ArgumentParser) -> None:
    """Paper, print size and language for this run, over the answers file's ``output``."""
    options = build.add_argument_group("how it prints (over the answers file's own choice, for this run)")
    options.add_argument("--paper", choices=("letter", "a4"), help="the paper size (default: the file's)")
    size = options.add_mutually_exclusive_group()
    size.add_argument(
        "--large-print",
        dest="large_print",
        action="store_const",
        const=True,
        help="large print: 18 pt for every word a patient reads",
    )
    size.add_argument(
        "--normal-print", dest="large_print", action="store_const", const=False, help="normal print"
    )


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = _Parser(
        prog=prog,
        description="Ketamine Question Prep without the browser: answers in, questions out.",
        command=prog,
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    language_help = "the language of the words (default: the file's)"

    listing = commands.add_parser("list", command=prog, help="print the chosen questions in print order")
    listing.add_argument("answers", help=ANSWERS_HELP)
    listing.add_argument("--format", choices=sorted(LIST_FORMATS), default="text")
    listing.add_argument("--language", choices=languages.codes(), help=language_help)
    listing.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    listing.set_defaults(run=cmd_list, paper=None, large_print=None)

    build = commands.add_parser(
        "build", command=prog, help="write the printable PDF, or the HTML, Markdown or text version"
    )
    build.add_argument("answers", help=ANSWERS_HELP)
    build.add_argument(
        "-o",
        "--output",
        required=True,
        help="the file to write; its ending picks the format: .pdf, .html, .md or .txt",
    )
    build.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    _print_options(build)
    build.add_argument("--language", choices=languages.codes(), help=language_help)
    build.set_defaults(run=cmd_build)

    bank = commands.add_parser(
        "bank", command=prog, help="print the whole question bank with sources and rules"
    )
    bank.add_argument("--format", choices=sorted(BANK_FORMATS), default="markdown")
    bank.add_argument("--language", choices=languages.codes(), default=SOURCE_LANGUAGE)
    bank.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    bank.set_defaults(run=cmd_bank)

    clinic = commands.add_parser("clinic", command=prog, help="check a clinic file before the app serves it")
    clinic.add_argument(
        "file", nargs="?", help="the clinic file (default: the one QUESTION_PREP_CLINIC names)"
    )
    clinic.set_defaults(run=cmd_clinic)

    schema = commands.add_parser("schema", command=prog, help="print the answers file's JSON Schema")
    schema.set_defaults(run=cmd_schema)

    check = commands.add_parser(
        "check", command=prog, help="check the bank, guide, labels and words of every language"
    )
    check.set_defaults(run=cmd_check)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: IO[bytes] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    prog: str = PROG,
) -> int:
    """Run one command and return its exit status. Every problem is one line on stderr (no
    control characters), exit 2; a clinic file's problems, one line each.

    Ctrl-C stops quietly with status 130; a reader that closes the pipe early ends it with 0.
    A stream not given is the process's own (``sys.stdin.buffer``, ``sys.stdout``, ``sys.stderr``).
    """
    process = Streams.of_process()
    streams = Streams(
        stdin if stdin is not None else process.stdin,
        stdout if stdout is not None else process.stdout,
        stderr if stderr is not None else process.stderr,
    )
    _forgiving_streams(streams)
    try:
        args = _parse(build_parser(prog), argv, streams)
        if args is None:  # --help: shown, nothing to run
            return 0
        run: Callable[[argparse.Namespace, Streams], int] = args.run
        return run(args, streams)
    except UsageError as exc:
        say(f"error: {terminal(str(exc))}", streams)
        for detail in exc.details:
            say(f"  - {terminal(detail)}", streams)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (OSError, RecursionError, MemoryError, UnicodeError) as exc:
        # The last resort: a problem no check above foresaw is still one line and exit 2.
        say(f"error: {terminal(_last_resort(exc))}", streams)
        return EXIT_BAD_INPUT


def _parse(
    parser: argparse.ArgumentParser, argv: Sequence[str] | None, streams: Streams
) -> argparse.Namespace | None:
    """The parsed arguments, or None once ``--help`` has been shown on this run's stdout
    (argparse writes help to ``sys.stdout`` and ends with ``SystemExit``)."""
    help_to = streams.stdout if streams.stdout is not None else io.StringIO()
    try:
        with contextlib.redirect_stdout(help_to):
            return parser.parse_args(argv)
    except SystemExit:
        return None


def entry_point() -> NoReturn:
    """``question-prep``, the installed command: the same as ``python -m questions``."""
    try:
        status = main(prog=ENTRY_POINT)
    except KeyboardInterrupt:  # Ctrl-C while still starting
        status = EXIT_INTERRUPTED
    sys.exit(status)


def _last_resort(exc: BaseException) -> str:
    """What went wrong, in one line, for an error no command names itself."""
    if isinstance(exc, OSError):
        return f"cannot go on: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply"
    if isinstance(exc, MemoryError):
        return "the input is too large to handle"
    return f"a character could not be read or written ({exc})"
