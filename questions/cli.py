"""``python -m questions``: the engine without the browser.

For tests, for clinicians who review content, and for scripts. Every problem with the
input ends the program with status 2 and one plain line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from questions import languages
from questions.answers_file import AnswersFileError, parse_answers, read_limited
from questions.bank_export import BANK_FORMATS
from questions.content import SOURCE_LANGUAGE
from questions.escape import terminal
from questions.list_formats import LIST_FORMATS
from questions.listing import patient_list
from questions.models import Answers

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C: the shell's usual status for a program stopped by SIGINT (128 + 2)."""
CLINIC_HELP = "a clinic file (YAML): its name and phone on the list, its own questions, hidden topics"
ANSWERS_HELP = (
    "a saved-answers JSON file, or a PDF this tool made (it holds the answers), or - for standard input"
)


class UsageError(Exception):
    """Bad input from the command line: shown as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one plain line like every other input error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (try: python -m questions --help)")


def read_answers(path: str) -> Answers:
    """Load an answers file (JSON, or a PDF this tool made) from a path (or ``-`` for standard input)."""
    if path == "-":
        if sys.stdin is None:  # started with standard input closed (``<&-``)
            raise UsageError("cannot read standard input: it is closed")
        try:
            raw = read_limited(sys.stdin.buffer)
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


def say(line: str) -> None:
    """One line on stderr, as well as can be: a closed or full stderr loses it, never crashes."""
    stream = sys.stderr
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError):
        stream.write(f"{line}\n")
        stream.flush()


def warn(lines: Sequence[str]) -> None:
    for line in lines:
        say(f"warning: {terminal(line)}")


def write_out(text: str) -> None:
    """Write a command's output to stdout; a full disk, a closed stdout or a closed pipe is one
    line, not a traceback. Characters the output's encoding cannot hold are replaced
    (``_forgiving_streams``)."""
    if sys.stdout is None:  # started with standard output closed (``>&-``)
        raise UsageError("cannot write the output: standard output is closed")
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
        raise
    except (OSError, ValueError) as exc:  # ValueError: a stream closed under us
        _drop_stdout()
        raise UsageError(f"cannot write the output: {getattr(exc, 'strerror', None) or exc}") from None


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so Python's final flush of what is left cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        sys.stdout = None


def _forgiving_streams() -> None:
    """Any console encoding (``PYTHONIOENCODING=ascii``, a cp1252 console): what it cannot
    write becomes "?" instead of a UnicodeEncodeError, on stdout and stderr alike."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(errors="replace")


def use_clinic(args: argparse.Namespace) -> None:
    """Serve the clinic edition named by ``--clinic`` (checked before anything is read or written)."""
    from questions.clinic import ClinicFileError, use_clinic_file

    try:
        use_clinic_file(args.clinic)
    except ClinicFileError as exc:
        raise UsageError(str(exc)) from None


def cmd_list(args: argparse.Namespace) -> int:
    use_clinic(args)
    plist = patient_list(read_answers(args.answers))
    warn(plist.warnings())
    write_out(LIST_FORMATS[args.format](plist))
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


def cmd_build(args: argparse.Namespace) -> int:
    # Imported here: reportlab takes a while to load, and only ``build`` needs it.
    from questions.document_files import build_document, document_warnings, write_atomically

    output = _output_path(args.output)
    use_clinic(args)
    plist = patient_list(read_answers(args.answers))
    suffix = output.suffix.lower()
    warn([*plist.warnings(), *document_warnings(plist, suffix)])
    data = build_document(plist, suffix)
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UsageError(f"cannot write '{args.output}': {exc.strerror or exc}") from None
    return 0


def cmd_bank(args: argparse.Namespace) -> int:
    use_clinic(args)
    write_out(BANK_FORMATS[args.format](args.language))
    return 0


def cmd_clinic(args: argparse.Namespace) -> int:
    """Check a clinic file (or the one ``QUESTION_PREP_CLINIC`` names) before serving it."""
    import os

    from questions.clinic import ENV_VAR

    path = args.file or os.environ.get(ENV_VAR, "").strip()
    if not path:
        write_out(f"no clinic file (neither a FILE nor {ENV_VAR}): the public edition\n")
        return 0
    args.clinic = path
    use_clinic(args)
    from questions.content import active_clinic

    clinic = active_clinic()
    ready = (
        f"clinic file '{path}' is ready: {clinic.name}, {len(clinic.extra_questions)} questions of its own"
    )
    write_out(terminal(ready) + "\n")
    return 0


def cmd_schema(_args: argparse.Namespace) -> int:
    write_out(json.dumps(Answers.model_json_schema(), indent=2) + "\n")
    return 0


def cmd_check(_args: argparse.Namespace) -> int:
    from questions.check import ContentError, check_content

    try:
        report = check_content()
    except ContentError as exc:
        raise UsageError(str(exc)) from None
    write_out(f"{report}\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m questions",
        description="Ketamine Question Prep without the browser: answers in, questions out.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    listing = commands.add_parser("list", help="print the chosen questions in print order")
    listing.add_argument("answers", help=ANSWERS_HELP)
    listing.add_argument("--format", choices=sorted(LIST_FORMATS), default="text")
    listing.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    listing.set_defaults(run=cmd_list)

    build = commands.add_parser(
        "build", help="write the printable PDF, or the HTML, Markdown or text version"
    )
    build.add_argument("answers", help=ANSWERS_HELP)
    build.add_argument(
        "-o",
        "--output",
        required=True,
        help="the file to write; its ending picks the format: .pdf, .html, .md or .txt",
    )
    build.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    build.set_defaults(run=cmd_build)

    bank = commands.add_parser("bank", help="print the whole question bank with sources and rules")
    bank.add_argument("--format", choices=sorted(BANK_FORMATS), default="markdown")
    bank.add_argument("--language", choices=languages.codes(), default=SOURCE_LANGUAGE)
    bank.add_argument("--clinic", metavar="FILE", help=CLINIC_HELP)
    bank.set_defaults(run=cmd_bank)

    clinic = commands.add_parser("clinic", help="check a clinic file before the app serves it")
    clinic.add_argument(
        "file", nargs="?", help="the clinic file (default: the one QUESTION_PREP_CLINIC names)"
    )
    clinic.set_defaults(run=cmd_clinic)

    schema = commands.add_parser("schema", help="print the answers file's JSON Schema")
    schema.set_defaults(run=cmd_schema)

    check = commands.add_parser("check", help="check the bank, guide, labels and words of every language")
    check.set_defaults(run=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Every problem is one line on stderr (no control characters), exit 2.

    Ctrl-C stops quietly with status 130; a reader that closes the pipe early ends it with 0.
    """
    _forgiving_streams()
    try:
        args = build_parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except UsageError as exc:
        say(f"error: {terminal(str(exc))}")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except (OSError, RecursionError, MemoryError, UnicodeError) as exc:
        # The last resort: a problem no check above foresaw is still one line and exit 2.
        say(f"error: {terminal(_last_resort(exc))}")
        return EXIT_BAD_INPUT


def _last_resort(exc: BaseException) -> str:
    """What went wrong, in one line, for an error no command names itself."""
    if isinstance(exc, OSError):
        return f"cannot go on: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply"
    if isinstance(exc, MemoryError):
        return "the input is too large to handle"
    return f"a character could not be read or written ({exc})"
