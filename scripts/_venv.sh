# Shared by scripts/serve and scripts/test: make .venv and install the project into it.
# The first install (about 40 s, longer on a slow network) shows pip's progress; later runs are quiet
# and quick, as pip skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
marker=".venv/.installed${1:-}"
if [ ! -x .venv/bin/python ]; then
  echo "== first run: creating .venv/ with $("$PY" --version 2>&1)"
  "$PY" -m venv .venv
fi
if [ ! -f "$marker" ] || [ pyproject.toml -nt "$marker" ]; then
  echo "== installing the project and its dependencies into .venv/ (the first time takes about 40 s; pip shows its progress)"
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on -e ".$1"
  touch "$marker"
  echo "== installed"
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$1"
fi
