#!/usr/bin/env bash
# Add AnodeLab to your desktop's application menu (for you only; no root needed).
# Run it from the unpacked folder: ./install-desktop-entry.sh   (--remove takes the entry away again)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
icons=$data/icons/hicolor/scalable/apps
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/anodelab.desktop" "$icons/anodelab.svg"
  echo "AnodeLab removed from the application menu."
  exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/share/icons/hicolor/scalable/apps/anodelab.svg" "$icons/anodelab.svg"
sed "s|^Exec=.*|Exec=\"$here/anodelab\" %f|" "$here/share/applications/anodelab.desktop" > "$apps/anodelab.desktop"
chmod 644 "$apps/anodelab.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
echo "AnodeLab added to the application menu ($apps/anodelab.desktop -> $here/anodelab)."
