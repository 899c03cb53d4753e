"""Run by test_parallel.py: a parallel build whose Mongolian worker dies."""

import os
import sys

from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from guidebook.build import parallel

real = parallel._build_language


def dying(site_dir, work, lang):  # noqa: ANN001, ANN202 - stands in for the real one
    if lang == "mn":
        os._exit(9)  # as the kernel's OOM killer would end it: no exception, no result
    return real(site_dir, work, lang)


def main() -> int:
    parallel._build_language = dying
    config = load_config(sys.argv[1], site_dir=sys.argv[2], strict=True)
    try:
        parallel.build_site(config, 2)
    except Abort as exc:
        print(exc, file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":  # pytest imports this file for doctests: do nothing then
    sys.exit(main())
