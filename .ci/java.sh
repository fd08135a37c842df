# Sourced by .ci/run and bin/meshctl: exports JAVA_HOME pointing at a JDK >= 21.
# The JDK's major version, from its release file when it has one (starting a JVM just to ask would
# add a tenth of a second to every meshctl command).
java_major() {
  if [[ -f "$1/release" ]]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
  fi
}
pick_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64)
  for d in /usr/lib/jvm/*; do candidates+=("$d"); done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in "${candidates[@]}"; do
    if [[ -x "$c/bin/java" && -x "$c/bin/javac" ]]; then
      local v; v="$(java_major "$c")"
      if [[ -n "$v" && "$v" -ge 21 ]]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}
if ! JAVA_HOME="$(pick_jdk)"; then
  echo "Meshdesk needs JDK 21 or newer: install one (e.g. apt-get install openjdk-21-jdk or Temurin) or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
