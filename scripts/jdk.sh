# Sourced by ./ocengine and scripts/with-jdk: sets OC_JAVA_HOME to a JDK >= 21 and OC_JAVA_FEATURE to
# its feature release. Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first).
oc_java_feature() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
oc_find_jdk() {
  local candidate feature
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [[ -n $candidate && -x $candidate/bin/java && -x $candidate/bin/javac ]] || continue
    feature=$(oc_java_feature "$candidate")
    feature=${feature%%.*}
    if [[ -n $feature && $feature -ge 21 ]]; then
      OC_JAVA_HOME=$candidate
      OC_JAVA_FEATURE=$feature
      return 0
    fi
  done
  echo "ocengine: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one or set JAVA_HOME" >&2
  return 1
}
# JVM flags Arrow (memory-netty) and JCuda need; JDK 23+ also needs the Unsafe flag (JDK 21 rejects it).
oc_jvm_flags() {
  OC_JVM_FLAGS=(--add-opens=java.base/java.nio=ALL-UNNAMED --enable-native-access=ALL-UNNAMED)
  if [[ $OC_JAVA_FEATURE -ge 23 ]]; then
    OC_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
}
