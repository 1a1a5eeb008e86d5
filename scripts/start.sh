#!/usr/bin/env bash
# Starts the portal and the broker on http://localhost:5080 with all state in ./data (or LGSP_DATA, or
# --data DIR). The first start prints the administrator's one-time password.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec dotnet run --project Lgsp.Portal -c Release -- "$@"
