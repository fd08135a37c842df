# Shared by the launchers in this directory (sourced, not run): finds a JDK 21 or newer and
# execs the main class named by MESHDESK_MAIN with every jar under lib/ on the class path.
# JAVA_HOME wins over the java on PATH; JAVA_OPTS is passed to the JVM as is.

MESHDESK_HOME=$(cd "$(dirname "$0")/.." && pwd -P)

if [ -n "${JAVA_HOME:-}" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=$(command -v java || true)
fi
if [ -z "$JAVA" ] || [ ! -x "$JAVA" ]; then
  echo "$MESHDESK_NAME: no java found; install JDK 21 or newer, or set JAVA_HOME" >&2
  exit 1
fi
# The major version from the JDK's release file, when there is one: cheaper than starting a JVM.
JAVA_REAL=$(readlink -f "$JAVA" 2>/dev/null || echo "$JAVA")
JAVA_RELEASE="$(dirname "$(dirname "$JAVA_REAL")")/release"
if [ -f "$JAVA_RELEASE" ]; then
  JAVA_MAJOR=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_RELEASE")
else
  JAVA_MAJOR=$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
fi
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 21 ]; then
  echo "$MESHDESK_NAME: $JAVA is Java ${JAVA_MAJOR:-(unknown)}; Meshdesk needs 21 or newer (set JAVA_HOME)" >&2
  exit 1
fi

# The JDK's ahead-of-time cache (JDK 25+) spares a server its first minute in the interpreter.
# Record it once per installation and JDK: `bin/meshctl bench train-aot --output lib/meshdesk.aot`
# (a short ticket workload on this very class path). Servers use it when it is there.
AOT_OPTS=""
if [ "$JAVA_MAJOR" -ge 25 ] && [ -f "$MESHDESK_HOME/lib/meshdesk.aot" ] && [ "$MESHDESK_MAIN" != "io.meshdesk.cli.Meshctl" ]; then
  AOT_OPTS="-XX:AOTCache=$MESHDESK_HOME/lib/meshdesk.aot"
fi

# shellcheck disable=SC2086 # JAVA_OPTS and MESHDESK_JIT_OPTS are split into options on purpose
exec "$JAVA" ${MESHDESK_JIT_OPTS:-} $JAVA_OPTS $AOT_OPTS --enable-native-access=ALL-UNNAMED -cp "$MESHDESK_HOME/lib/*" "$MESHDESK_MAIN" "$@"
