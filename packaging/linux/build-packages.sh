#!/usr/bin/env bash
# Builds LeaseDesk's Linux packages from the distribution Maven assembled in target/leasedesk:
# a trimmed runtime (jlink), an app image and a .deb (jpackage). Run by './mvnw -Ppackage package'.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${1:?usage: build-packages.sh TARGET-DIR VERSION}
version=${2:?usage: build-packages.sh TARGET-DIR VERSION}

# jpackage and jlink come from a JDK 21+; the same search the launcher uses, JAVA_HOME first.
find_jdk() {
    for home in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$home" ] && [ -x "$home/bin/jpackage" ] || continue
        major=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
        if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$home"; return 0; fi
    done
    return 1
}
jdk=$(find_jdk) || { echo "build-packages: no JDK 21+ with jpackage found; install one or set JAVA_HOME" >&2; exit 1; }

work="$target/jpackage"
rm -rf "$work"
mkdir -p "$work/input"
cp "$target"/leasedesk/lib/*.jar "$work/input/"

"$jdk/bin/jlink" --module-path "$target/leasedesk/lib/javafx" \
    --add-modules "$(paste -sd, "$here/runtime-modules")" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
    --output "$work/runtime"

common=(@"$here/jpackage.args"
    --app-version "${version%-SNAPSHOT}"
    --input "$work/input"
    --runtime-image "$work/runtime"
    --icon "$root/assets/icons/leasedesk-256.png"
    --resource-dir "$here/resources"
    --app-content "$here/share")

"$jdk/bin/jpackage" --type app-image --dest "$work/app-image" "${common[@]}"
"$jdk/bin/jpackage" --type deb --dest "$target" "${common[@]}" \
    --linux-package-name leasedesk \
    --linux-deb-maintainer "LeaseDesk developers <maintainers@leasedesk.invalid>" \
    --linux-menu-group "Network;System;" \
    --linux-app-category net \
    --linux-shortcut
echo "built $work/app-image/leasedesk and $(ls "$target"/leasedesk_*.deb)"
