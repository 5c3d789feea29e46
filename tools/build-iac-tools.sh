#!/usr/bin/env bash
# Builds the infra tier's tools into .local/bin/, from package registries only:
#   tofu                (module tools/go/iac/tofu: OpenTofu, with its HCL fork's replace)
#   tflint, actionlint  (module tools/go/iac/lint)
#   checkov             (PyPI, pinned in tools/iac/checkov-requirements.txt, in the virtual
#                        environment .local/checkov-venv)
#
# Skipped when nothing under tools/go/iac/ and tools/iac/, this script, the Go version and the
# Python version have changed since the last successful build: their hash is kept in
# .local/bin/.iac-tools.sha256. A cold build takes a few minutes (OpenTofu is the big one).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.local/bin"
venv="$root/.local/checkov-venv"
stamp="$bin/.iac-tools.sha256"
binaries=(tofu tflint actionlint)

for tool in go python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "build-iac-tools: $tool is not installed" >&2
    exit 1
  fi
done

mkdir -p "$bin"

# npm test and npm run test:infra may run this at the same time: one builds, the other waits.
if command -v flock >/dev/null; then
  exec 9>"$bin/.iac-tools.lock"
  flock 9
fi

hash="$(
  {
    go version
    python3 --version
    sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1
    cd "$root" && find tools/go/iac tools/iac -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
)"

up_to_date=true
[[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]] || up_to_date=false
for b in "${binaries[@]}"; do
  [[ -x "$bin/$b" ]] || up_to_date=false
done
[[ -x "$venv/bin/checkov" ]] || up_to_date=false
if $up_to_date; then
  echo "build-iac-tools: tofu, tflint, actionlint and checkov are up to date in .local/"
  exit 0
fi

rm -f "$stamp"
start=$SECONDS
flags=(-trimpath -buildvcs=false)

echo "build-iac-tools: building tofu (the first build takes a few minutes)"
go -C "$root/tools/go/iac/tofu" mod download
go -C "$root/tools/go/iac/tofu" build "${flags[@]}" -o "$bin/tofu" github.com/opentofu/opentofu/cmd/tofu

echo "build-iac-tools: building tflint and actionlint"
go -C "$root/tools/go/iac/lint" mod download
go -C "$root/tools/go/iac/lint" build "${flags[@]}" -o "$bin/tflint" github.com/terraform-linters/tflint
go -C "$root/tools/go/iac/lint" build "${flags[@]}" -o "$bin/actionlint" github.com/rhysd/actionlint/cmd/actionlint

echo "build-iac-tools: installing checkov into .local/checkov-venv"
if ! python3 -m venv "$venv"; then
  echo "build-iac-tools: python3 cannot create a virtual environment: install python3-venv (Debian)" >&2
  exit 1
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tools/iac/checkov-requirements.txt"

echo "$hash" >"$stamp"
echo "build-iac-tools: done in $((SECONDS - start))s"
