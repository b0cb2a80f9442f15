#!/usr/bin/env bash
# Rebuilds the plate reader network gate-agent/lpr/src/main/resources/io/parkgate/lpr/model/plate-reader.onnx:
#   1. installs Debian's python3-torch and the fonts the views are drawn in when missing (PyPI is not used),
#   2. writes the training views with the Java renderer (exec:java@training-set: synthetic plates of every
#      colour and province, jittered lpr-dev crops outside the held-out fifth, then WJ plates),
#   3. trains the network on one thread at low priority and exports ONNX.
# Usage (from anywhere): gate-agent/lpr/train/rebuild-model.sh [--synthetic N] [--double-row N] [--armed-police N]
#   [--conditions N] [--real-glyphs N] [--cjk-faces F1,F2,...] [--epochs N] [--seed N] [--threads N] [--out FILE]
#   [--province-opinion]
# --conditions N adds N views under motion blur, glare, dusk casts, night, infrared (synth.Condition), written
# last so that with 0 the data is what it was; --real-glyphs N adds N views of every colour whose province glyph
# is cut from a real crop (TrainingViews.realGlyphView), after those. --cjk-faces lists the installed font
# families the provinces and suffixes are drawn in; other faces must be installed first (Debian's
# fonts-droid-fallback, fonts-arphic-uming, fonts-wqy-zenhei, ...). The defaults are the committed network's.
# --province-opinion rebuilds the second shipped network instead (plate-reader-five-faces.onnx: the same views
# with the provinces drawn in five faces; it was trained with --threads 2), installing its two extra fonts.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
synthetic=40000 double=2500 armed=2000 repeats=6 conditions=8000 glyphs=5000 epochs=12 seed=1 width=1.0
faces="Noto Sans CJK SC,Noto Serif CJK SC,Noto Sans Mono CJK SC" threads=1
fonts=(fonts-noto-cjk fonts-dejavu-core)
model="$root/gate-agent/lpr/src/main/resources/io/parkgate/lpr/model"
network=plate-reader.onnx out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --synthetic) synthetic="$2"; shift 2 ;;
    --double-row) double="$2"; shift 2 ;;
    --armed-police) armed="$2"; shift 2 ;;
    --real-repeats) repeats="$2"; shift 2 ;;
    --conditions) conditions="$2"; shift 2 ;;
    --real-glyphs) glyphs="$2"; shift 2 ;;
    --cjk-faces) faces="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --width) width="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --province-opinion)
      faces="Noto Sans CJK SC,Noto Serif CJK SC,Noto Sans Mono CJK SC,Droid Sans Fallback,AR PL UMing CN"
      fonts+=(fonts-droid-fallback fonts-arphic-uming) network=plate-reader-five-faces.onnx; shift ;;
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    *) echo "usage: $0 [--synthetic 40000] [--double-row 2500] [--armed-police 2000] [--real-repeats 6] [--conditions 8000] [--real-glyphs 5000] [--cjk-faces F1,F2,...] [--epochs 12] [--seed 1] [--width 1.0] [--threads 1] [--out FILE] [--province-opinion]" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="$model/$network"
python=/usr/bin/python3   # Debian's python, where python3-torch installs (not a pyenv one on PATH)
missing=()
"$python" -c "import torch" 2>/dev/null || missing+=(python3-torch)
# The faces drawn, by package; java.awt would draw a missing one in "Dialog".
for package in "${fonts[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "rebuild-model: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo="sudo -n"; else
      echo "rebuild-model: need root (or sudo) to install ${missing[*]}" >&2; exit 1
    fi
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
data="$root/gate-agent/lpr/target/reader-data"
cd "$root"
LANG=C.UTF-8 nice -n 10 mvn -B -q -pl gate-agent/lpr -am compile exec:java@training-set \
  -Dexec.args="--out $data --synthetic $synthetic --double-row $double --armed-police $armed --real-repeats $repeats --conditions $conditions --real-glyphs $glyphs --seed $seed --cjk-faces '$faces'"
nice -n 10 "$python" "$root/gate-agent/lpr/train/train_reader.py" --data "$data" --out "$out" \
  --epochs "$epochs" --seed "$seed" --width "$width" --threads "$threads"
