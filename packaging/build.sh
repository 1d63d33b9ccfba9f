#!/usr/bin/env bash
# Build the AnodeLab installer for Linux from this repository.
#
#   packaging/build.sh                 bundle + dist/anodelab-<version>-linux-<arch>.tar.gz
#   packaging/build.sh --deb           … and dist/anodelab_<version>_amd64.deb (needs dpkg-deb)
#   packaging/build.sh --bundle-only   only the one-folder bundle dist/anodelab/ (used by the tests)
#
# The version comes from anodelab.__version__ (src/anodelab/__init__.py), nowhere else.
# Uses .venv (made by scripts/bootstrap.sh) and installs PyInstaller into it if missing.
# Environment: PYTHON (default .venv/bin/python), DIST_DIR (default dist), BUILD_DIR (default build/pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."

make_tar=1
make_deb=0
for arg in "$@"; do
  case "$arg" in
    --deb) make_deb=1 ;;
    --bundle-only) make_tar=0; make_deb=0 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-.venv/bin/python}
DIST=${DIST_DIR:-dist}
WORK=${BUILD_DIR:-build/pyinstaller}
if [ ! -x "$PY" ]; then
  echo "build.sh: $PY not found; run scripts/bootstrap.sh first" >&2
  exit 1
fi
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
  echo "build.sh: installing PyInstaller into the venv"
  "$PY" -m pip install -q "pyinstaller>=6.10"
fi

# PyInstaller copies the system libraries Qt's plugins link against; one missing on this machine is
# silently left out and the GUI then fails on collaborators' desktops. Refuse to build without them.
QT_DIR=$("$PY" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt")')
missing=$(ldd "$QT_DIR/plugins/platforms/libqxcb.so" "$QT_DIR/lib/libQt6XcbQpa.so.6" 2>/dev/null \
  | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
  echo "build.sh: this machine lacks $missing- needed by Qt's X11 (xcb) platform plugin and copied into the bundle." >&2
  echo "build.sh: install them first (scripts/bootstrap.sh lists the Debian packages: libxcb-icccm4 libxcb-keysyms1 …)." >&2
  exit 1
fi

VERSION=$("$PY" -c 'import anodelab; print(anodelab.__version__)')
ARCH=$(uname -m)
echo "build.sh: AnodeLab $VERSION for linux-$ARCH"

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/anodelab.spec
BUNDLE="$DIST/anodelab"

# Desktop integration files travel inside the bundle folder so the archive is self-contained.
ICON=resources/icons/anodelab.svg
[ -f "$ICON" ] || ICON=packaging/anodelab.svg
mkdir -p "$BUNDLE/share/applications" "$BUNDLE/share/icons/hicolor/scalable/apps"
cp packaging/anodelab.desktop "$BUNDLE/share/applications/anodelab.desktop"
cp "$ICON" "$BUNDLE/share/icons/hicolor/scalable/apps/anodelab.svg"
install -m 755 packaging/install-desktop-entry.sh "$BUNDLE/install-desktop-entry.sh"
echo "$VERSION" > "$BUNDLE/VERSION"

# Prove the bundle starts before shipping it: --version must name this version.
got=$(env -i HOME="${HOME:-/tmp}" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$BUNDLE/anodelab" --version)
if [ "$got" != "AnodeLab $VERSION" ]; then
  echo "build.sh: bundle answered '$got' to --version, expected 'AnodeLab $VERSION'" >&2
  exit 1
fi
echo "build.sh: bundle $BUNDLE ($(du -sh "$BUNDLE" | cut -f1)) in $(( $(date +%s) - start )) s"

if [ "$make_tar" = 1 ]; then
  TAR="$DIST/anodelab-$VERSION-linux-$ARCH.tar.gz"
  # Unpacks to anodelab-<version>/ so several versions can sit side by side.
  tar -C "$DIST" --owner=0 --group=0 --numeric-owner \
    --transform "s,^anodelab,anodelab-$VERSION,S" -czf "$TAR" anodelab
  echo "build.sh: $TAR ($(du -h "$TAR" | cut -f1))"
fi

if [ "$make_deb" = 1 ]; then
  command -v dpkg-deb >/dev/null || { echo "build.sh: dpkg-deb not found" >&2; exit 1; }
  [ "$ARCH" = x86_64 ] && DEBARCH=amd64 || DEBARCH=$ARCH
  GLIBC=$(ldd --version | head -1 | grep -oE '[0-9]+\.[0-9]+$')
  ROOT="$WORK/deb-root"
  rm -rf "$ROOT"
  mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
    "$ROOT/usr/share/icons/hicolor/scalable/apps"
  cp -a "$BUNDLE" "$ROOT/opt/anodelab"
  rm -rf "$ROOT/opt/anodelab/share" "$ROOT/opt/anodelab/install-desktop-entry.sh"
  ln -s /opt/anodelab/anodelab "$ROOT/usr/bin/anodelab"
  sed 's,^Exec=.*,Exec=/opt/anodelab/anodelab %f,' packaging/anodelab.desktop \
    > "$ROOT/usr/share/applications/anodelab.desktop"
  cp "$ICON" "$ROOT/usr/share/icons/hicolor/scalable/apps/anodelab.svg"
  cat > "$ROOT/DEBIAN/control" <<EOF
Package: anodelab
Version: $VERSION
Architecture: $DEBARCH
Maintainer: AnodeLab team <anodelab@localhost>
Depends: libc6 (>= $GLIBC), libgl1, libegl1, libxcb1, fontconfig, fonts-dejavu-core
Section: science
Priority: optional
Installed-Size: $(du -sk "$ROOT" | cut -f1)
Description: design and screen sodium-metal anodes
 AnodeLab scores sodium-metal anode designs (nucleation, wetting, transport,
 resistance, solid-state critical current, volume, interphase, dendrite risk)
 and simulates their voltage profiles. Self-contained PyInstaller bundle.
EOF
  DEB="$DIST/anodelab_${VERSION}_${DEBARCH}.deb"
  dpkg-deb --root-owner-group -Zzstd --build "$ROOT" "$DEB" >/dev/null
  rm -rf "$ROOT"
  echo "build.sh: $DEB ($(du -h "$DEB" | cut -f1))"
fi
