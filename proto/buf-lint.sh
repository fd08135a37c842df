#!/usr/bin/env bash
# Lints every Meshdesk .proto contract with buf (STANDARD + COMMENTS + protovalidate rule checks).
#
# Usage: proto/buf-lint.sh [path/to/protovalidate.jar]
#
# buf needs buf/validate/validate.proto, which ships inside the protovalidate jar; it is extracted
# into proto/buf-deps (a buf module excluded from lint, git-ignored) so no BSR access is needed.
# Maven passes the jar path; run by hand, the jar is looked up in the local Maven repository
# (MAVEN_REPO_LOCAL or ~/.m2/repository) at the version of the parent pom.
set -euo pipefail

proto_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(dirname "$proto_dir")"

jar="${1:-}"
if [[ -z "$jar" ]]; then
  version="$(sed -n 's:.*<protovalidate.version>\(.*\)</protovalidate.version>.*:\1:p' "$root_dir/pom.xml" | head -n 1)"
  repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
  jar="$repo/build/buf/protovalidate/$version/protovalidate-$version.jar"
fi
if [[ ! -f "$jar" ]]; then
  echo "buf-lint: protovalidate jar not found at $jar (run ./mvnw -pl proto dependency:resolve first)" >&2
  exit 2
fi

deps_dir="$proto_dir/buf-deps/buf/validate"
mkdir -p "$deps_dir"
if command -v unzip >/dev/null 2>&1; then
  unzip -p "$jar" buf/validate/validate.proto > "$deps_dir/validate.proto.tmp"
else
  jar_tool="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && "$jar_tool" xf "$jar" buf/validate/validate.proto)
  cp "$tmp/buf/validate/validate.proto" "$deps_dir/validate.proto.tmp"
fi
if [[ ! -s "$deps_dir/validate.proto.tmp" ]]; then
  echo "buf-lint: buf/validate/validate.proto missing from $jar" >&2
  exit 2
fi
mv "$deps_dir/validate.proto.tmp" "$deps_dir/validate.proto"

if [[ ! -x "$proto_dir/node_modules/.bin/buf" ]]; then
  (cd "$proto_dir" && npm ci --no-audit --no-fund)
fi

cd "$root_dir"
"$proto_dir/node_modules/.bin/buf" lint
echo "buf-lint: all contracts pass"
