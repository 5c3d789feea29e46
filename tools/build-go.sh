#!/usr/bin/env bash
# Builds the local emulators under tools/go/ into .local/bin/:
#   userx-mongo, userx-pubsub, userx-kms   (module tools/go)
#   cloud-tasks-emulator                   (module tools/go/cloudtasks)
#   mailpit                                (module tools/go/mailpit)
# Go downloads the modules it needs from the module proxy.
#
# The build is skipped when nothing under tools/go/, this script and the Go
# version have changed since the last successful build: their hash is kept in
# .local/bin/.go-tools.sha256.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/tools/go"
bin="$root/.local/bin"
stamp="$bin/.go-tools.sha256"
binaries=(userx-mongo userx-pubsub userx-kms cloud-tasks-emulator mailpit)

if ! command -v go >/dev/null; then
  echo "build-go: go is not installed (Go 1.26 or newer is needed)" >&2
  exit 1
fi

mkdir -p "$bin"

# npm start and npm test may run this at the same time: one builds, the other
# waits and then finds the build up to date.
if command -v flock >/dev/null; then
  exec 9>"$bin/.go-tools.lock"
  flock 9
fi

hash="$(
  {
    go version
    sha256sum "${BASH_SOURCE[0]}" | cut -d' ' -f1
    # iac/ holds modules of their own (the infra tier's tools, tools/build-iac-tools.sh).
    cd "$src" && find . -path ./iac -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -d' ' -f1
)"

up_to_date=true
[[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]] || up_to_date=false
for b in "${binaries[@]}"; do
  [[ -x "$bin/$b" ]] || up_to_date=false
done
if $up_to_date; then
  echo "build-go: emulators are up to date in .local/bin"
  exit 0
fi

rm -f "$stamp"
start=$SECONDS
# -buildvcs=false: the binaries need no VCS stamp, and stamping fails
# where the checkout has no usable .git.
flags=(-trimpath -buildvcs=false)

# Downloading first keeps go build from printing a line per module.
echo "build-go: downloading Go modules (if missing)"
go -C "$src" mod download
go -C "$src/cloudtasks" mod download
go -C "$src/mailpit" mod download

echo "build-go: building userx-mongo, userx-pubsub and userx-kms (the first build takes a few minutes)"
go -C "$src" build "${flags[@]}" -o "$bin/" ./cmd/userx-mongo ./cmd/userx-pubsub ./cmd/userx-kms

echo "build-go: building cloud-tasks-emulator"
go -C "$src/cloudtasks" build "${flags[@]}" -o "$bin/cloud-tasks-emulator" github.com/aertje/cloud-tasks-emulator

echo "build-go: building mailpit (the local SMTP server and inbox)"
go -C "$src/mailpit" build "${flags[@]}" -o "$bin/mailpit" github.com/axllent/mailpit

echo "$hash" >"$stamp"
echo "build-go: done in $((SECONDS - start))s: ${binaries[*]} in .local/bin"
