#!/bin/sh
# Starts Chromium in kiosk mode on the kiosk PC, pointed at the hub's kiosk page. Settings come from
# the environment (see yichuang-kiosk.env): YICHUANG_HUB_URL, KIOSK_ID, KIOSK_KEY (when the kiosk has a
# key in the center file), CHROMIUM (default: chromium).
set -eu
HUB="${YICHUANG_HUB_URL:?set YICHUANG_HUB_URL, e.g. http://192.168.1.10:8080}"
KIOSK="${KIOSK_ID:?set KIOSK_ID, e.g. K1}"
BROWSER="${CHROMIUM:-chromium}"

# Wait for the hub (it may boot after this PC); the kiosk page itself reconnects once loaded.
i=0
until curl -fsS -o /dev/null "$HUB/api/v1/health"; do
  i=$((i + 1))
  [ "$i" -ge 120 ] && { echo "yichuang-kiosk: hub $HUB not reachable" >&2; exit 1; }
  sleep 2
done

URL="$HUB/kiosk/?kiosk=$KIOSK"
[ -n "${KIOSK_KEY:-}" ] && URL="$URL&key=$KIOSK_KEY"

# A fresh profile each start: nothing a citizen typed or saw survives a restart.
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT

# --kiosk: full screen, no address bar or exit keys; the rest removes pop-ups, pinch zoom,
# swipe navigation and translation prompts. The admin leaves through the on-screen PIN gesture,
# which closes the window: Chromium exits with status 0 and systemd does not restart it.
exec "$BROWSER" \
  --kiosk "$URL" \
  --user-data-dir="$PROFILE" \
  --no-first-run --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
  --disable-pinch --overscroll-history-navigation=0 --disable-features=TranslateUI \
  --disable-translate --check-for-update-interval=31536000 \
  --autoplay-policy=no-user-gesture-required \
  --lang=zh-CN
