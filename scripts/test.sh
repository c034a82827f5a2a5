#!/usr/bin/env bash
# Install what the tests need, then run them. Used by CI (.ci/run) and by developers alike.
# The browser test needs Debian's Chromium and a Thai font, the reports' PDF Pango and HarfBuzz and
# their tests poppler-utils; they are installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing+=(fonts-thai-tlwg)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)  # Spark's tests (tests/warehouse)
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b; do  # WeasyPrint's layout (reports' PDF)
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)  # reading the reports back (tests/report)
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python -m ruff check .
python -m pytest "$@"
