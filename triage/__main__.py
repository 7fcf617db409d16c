"""`python -m triage classify|evaluate|redact|evaluate-redact|train|export-feedback|worker` (contract: ../shared/design/triage.md)."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m triage")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("classify", help="JSON lines of conversations on stdin -> suggestions on stdout")
    ev = sub.add_parser("evaluate", help="score the classifier on a labelled JSONL file")
    ev.add_argument("data", nargs="+", help="labelled JSONL files or folders of them")
    sub.add_parser("redact", help="JSON lines of texts on stdin -> redacted texts and spans on stdout")
    er = sub.add_parser("evaluate-redact", help="score redaction on a labelled JSONL file")
    er.add_argument("data")
    sub.add_parser("train", help="train the learned model from data/triage/corpus (see --help)", add_help=False)
    sub.add_parser("export-feedback", help="counsellors' triage feedback -> redacted labelled JSONL",
                   add_help=False)
    sub.add_parser("worker", help="classify conversations of the chat from its Redis job stream", add_help=False)
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "worker":
        # The worker lives with the chat (it reads conversations from the chat's store): chat/triage_worker.py.
        from chat.triage_worker import main as run_worker

        return run_worker(argv[1:])
    if argv and argv[0] == "train":
        from triage.training import run_train

        return run_train(argv[1:])
    if argv and argv[0] == "export-feedback":
        from triage.feedback import run_export

        return run_export(argv[1:])
    args = parser.parse_args(argv)

    if args.command == "classify":
        from triage.classify_cli import run_classify

        return run_classify(sys.stdin, sys.stdout)
    if args.command == "evaluate":
        from triage.classify_cli import run_evaluate

        return run_evaluate(args.data, sys.stdout)  # several files or folders: one report
    if args.command == "redact":
        from triage.redact_cli import run_redact

        return run_redact(sys.stdin, sys.stdout)
    from triage.redact_cli import run_evaluate_redact

    return run_evaluate_redact(args.data, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
