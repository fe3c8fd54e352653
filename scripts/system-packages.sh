#!/usr/bin/env bash
# Debian packages Torg needs: gettext (message catalogues), for the browser
# tests chromium, for `make bench` wrk (the HTTP load generator), and for the
# klarspråk checker hunspell with hunspell-no (nn_NO/nb_NO dictionaries) and
# apertium-nno-nob (Nynorsk/Bokmål morphology and translation).
# Installed when missing and we may (root + apt-get).
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v hunspell >/dev/null 2>&1 || need+=(hunspell)
[ -f /usr/share/hunspell/nn_NO.dic ] || need+=(hunspell-no)
[ -f /usr/share/apertium/apertium-nno-nob/nno-nob.automorf.bin ] || need+=(apertium-nno-nob)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Please install these Debian packages: ${need[*]} (sudo apt-get install ${need[*]})" >&2
  case " ${need[*]} " in *" gettext "*) exit 1;; esac
fi
