"""Run by test_interrupt.py: ``guidebook build`` whose Arabic worker, once it
starts, says so in a file and waits, so that a Ctrl-C sent after that file
appears surely comes while the languages are being built (a test that polled
for the work folder could, on a loaded machine, signal a build that had
already finished)."""

import sys
import time
from pathlib import Path

from guidebook.cli import commands as cli
from guidebook.build import parallel

real = parallel._build_language


def held(site_dir, work, lang):  # noqa: ANN001, ANN202 - stands in for the real one
    if lang == "ar":
        Path(sys.argv[1]).write_text("building", encoding="utf-8")
        time.sleep(300)  # ended by the parent's Ctrl-C handling (it terminates the workers)
    return real(site_dir, work, lang)


if __name__ == "__main__":  # pytest imports this file for doctests: do nothing then
    parallel._build_language = held
    sys.exit(cli.main(sys.argv[2:]))
