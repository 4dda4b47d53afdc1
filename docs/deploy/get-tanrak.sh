#!/bin/sh
# Put a tanrak binary at bin/tanrak for a deploy (GitHub Actions, Netlify, any Linux builder):
# the released binary of this repository's version when there is one, its checksum checked
# against the release's SHA256SUMS; otherwise one built from this repository's source with
# cargo (slower: a few minutes).
#
# Settings, all optional (environment variables):
#   TANRAK_RELEASES       owner/repo whose GitHub releases hold the binaries. Default: this
#                         repository (GITHUB_REPOSITORY on GitHub Actions, REPOSITORY_URL on
#                         Netlify). Empty and not found: build from source.
#   TANRAK_VERSION        a release tag such as v0.1.0, or `latest`. Default: `v` + the version
#                         in Cargo.toml, so the binary matches this repository's source.
#   TANRAK_FROM_SOURCE    `1` to skip the download and always build from source (for a
#                         repository whose src/ has changes of its own).
#   TANRAK_DOWNLOAD_BASE  the folder address holding the assets (overrides the two above;
#                         used by the tests).
#
# A download that is missing (no such release yet) falls back to the source build. A download
# whose checksum does not match stops the deploy: that file is not what was released.
set -eu

dest="bin/tanrak"
mkdir -p bin

from_source() {
  echo "get-tanrak: building tanrak from source"
  cargo build --release --locked
  cp target/release/tanrak "$dest"
  "$dest" --version
}

if [ "${TANRAK_FROM_SOURCE:-0}" = 1 ]; then
  from_source
  exit 0
fi

case "$(uname -m)" in
  x86_64 | amd64) target=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) target=aarch64-unknown-linux-musl ;;
  *)
    echo "get-tanrak: no released binary for $(uname -m)"
    from_source
    exit 0
    ;;
esac
asset="tanrak-$target.tar.gz"

base="${TANRAK_DOWNLOAD_BASE:-}"
if [ -z "$base" ]; then
  repo="${TANRAK_RELEASES:-${GITHUB_REPOSITORY:-}}"
  if [ -z "$repo" ] && [ -n "${REPOSITORY_URL:-}" ]; then
    # Netlify: https://github.com/owner/repo or git@github.com:owner/repo
    repo="$(printf '%s\n' "$REPOSITORY_URL" | sed -n 's#^.*github\.com[:/]\([^/]*/[^/.]*\).*$#\1#p')"
  fi
  version="${TANRAK_VERSION:-v$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)}"
  if [ -z "$repo" ]; then
    echo "get-tanrak: no repository to download releases from (set TANRAK_RELEASES)"
    from_source
    exit 0
  fi
  if [ "$version" = latest ]; then
    base="https://github.com/$repo/releases/latest/download"
  else
    base="https://github.com/$repo/releases/download/$version"
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! curl -fsSL --retry 3 -o "$work/$asset" "$base/$asset" ||
  ! curl -fsSL --retry 3 -o "$work/SHA256SUMS" "$base/SHA256SUMS"; then
  echo "get-tanrak: no released binary at $base"
  from_source
  exit 0
fi

(
  cd "$work"
  if ! grep " $asset\$" SHA256SUMS > expected || ! sha256sum -c expected; then
    echo "get-tanrak: $asset does not match the release's SHA256SUMS: not using it" >&2
    exit 1
  fi
)
tar -xzf "$work/$asset" -C "$work"
cp "$work/tanrak-$target/tanrak" "$dest"
chmod +x "$dest"
echo "get-tanrak: using the released binary from $base"
"$dest" --version
