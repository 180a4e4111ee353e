#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# cppcheck over every translation unit of a configured build that is the
# project's own; any finding fails. The third-party trees a build compiles
# (the benchmark's peers, under build/) and generated files are not ours to
# judge: they are left out of the compile database cppcheck reads.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: check-static.sh BUILD_DIR}
build=$(cd "$build" && pwd)
ours=$build/compile_commands.ours.json
python3 - "$build/compile_commands.json" "$ours" "$PWD" "$build" <<'PY'
import json, os, sys
src, dst, root, build = sys.argv[1:]
skip = (os.path.join(root, "build") + os.sep, build + os.sep)
def path(e):
    return os.path.normpath(os.path.join(e["directory"], e["file"]))
entries = [e for e in json.load(open(src)) if not path(e).startswith(skip)]
json.dump(entries, open(dst, "w"))
PY
cppcheck --project="$ours" --std=c11 --quiet \
  --enable=warning,style,performance,portability --inline-suppr \
  --suppress=missingIncludeSystem --error-exitcode=1 \
  --cppcheck-build-dir="$build" 2>&1
echo "cppcheck: no findings"
